package dev.chainrule.autodiff;

import dev.chainrule.ir.Graph;
import dev.chainrule.ir.GraphBuilder;
import dev.chainrule.ir.Op;
import dev.chainrule.ir.Value;
import java.util.HashMap;
import java.util.Map;

/**
 * Reverse-mode differentiation over the IR. Walks the forward graph from the loss back to the
 * parameters, applying each op's adjoint rule ({@link AdjointRules}) and summing the adjoints of
 * values used more than once. The result is one graph holding forward and backward values, with
 * a {@code grad:<parameter>} output per parameter; the same passes and backends handle both.
 */
public final class Autodiff {

    private Autodiff() {}

    public static Graph differentiate(Graph forward) {
        int loss = forward.outputs().get(Graph.LOSS);
        boolean[] needed = dependsOnParameters(forward);
        GraphBuilder b = new GraphBuilder(forward);
        Map<Integer, Integer> adjoints = new HashMap<>();
        adjoints.put(loss, b.add(Op.constant(1.0), "d loss"));

        for (int id = loss; id >= 0; id--) {
            Integer g = adjoints.get(id);
            if (g == null) {
                continue;
            }
            AdjointRules.apply(forward.value(id), g, b, (target, build) -> {
                if (!needed[target]) {
                    return; // inputs, targets and constants need no gradient: nothing is built
                }
                int contribution = build.getAsInt();
                Integer previous = adjoints.get(target);
                adjoints.put(target, previous == null ? contribution
                        : b.add(Op.of(Op.Kind.ADD), "d " + label(forward.value(target)), previous,
                                contribution));
            });
        }
        for (Value p : forward.parameters()) {
            Integer g = adjoints.get(p.id());
            if (g == null) {
                throw new IllegalArgumentException("loss does not depend on " + p.label());
            }
            b.output(Graph.gradientOutput(p.op().parameter()), g);
        }
        return b.build();
    }

    private static boolean[] dependsOnParameters(Graph g) {
        boolean[] needed = new boolean[g.values().size()];
        for (Value v : g.values()) {
            needed[v.id()] = v.op().kind() == Op.Kind.PARAMETER
                    || v.inputs().stream().anyMatch(in -> needed[in]);
        }
        return needed;
    }

    static String label(Value v) {
        return v.label() == null ? "%" + v.id() : v.label();
    }
}
