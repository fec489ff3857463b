package dev.chainrule.graph;

import dev.chainrule.graph.op.Leaf;
import dev.chainrule.graph.op.Op;
import dev.chainrule.graph.op.Rules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The two derivative transforms. Both append to the graph through each op's own rule
 * ({@link Op#vjp}, {@link Op#jvp}), so the derivatives go through the same passes and lowering
 * as the values.
 *
 * <pre>{@code
 * GraphBuilder b = new GraphBuilder(graph);
 * int seed = b.add(new Leaf(Role.ADJOINT_SEED, "e", Shape.SCALAR));
 * Map<Integer, Integer> adjoints = Autodiff.vjp(b, graph.value("e"), seed);  // d e / d node
 * }</pre>
 */
public final class Autodiff {

    private Autodiff() {}

    /**
     * Reverse mode: one backward sweep from {@code output}, whose adjoint is {@code seed}.
     * A node read by several others gets the sum of their contributions, added in the order of
     * the readers ({@code d_b = d_c + d_d}).
     *
     * @return node id → the node holding d output / d node, for every node of the original
     *     graph that reaches the output (the others have adjoint 0)
     */
    public static Map<Integer, Integer> vjp(GraphBuilder b, int output, int seed) {
        Map<Integer, TreeMap<Integer, Integer>> contributions = new HashMap<>();
        Map<Integer, Integer> adjoint = new HashMap<>();
        adjoint.put(output, seed);
        for (int id = output; id >= 0; id--) {
            Node y = b.node(id);
            Integer g = id == output ? Integer.valueOf(seed) : total(b, y, contributions.get(id));
            if (g == null) {
                continue;
            }
            adjoint.put(id, g);
            if (y.inputs().isEmpty()) {
                continue;
            }
            String previous = b.label();
            int built = b.size();
            // what the rule builds on the way is part of y's local derivative (tanh's 1 − y²
            // is tanh.a'); what it hands each input is that input's adjoint, d_x
            b.label(y.label() + "'");
            List<Integer> d = y.op().vjp(b, y, g);
            b.label(previous);
            if (d.size() != y.inputs().size()) {
                throw new IllegalStateException(y.op().mnemonic() + "'s vjp gave " + d.size()
                        + " adjoints for " + y.inputs().size() + " inputs");
            }
            for (int k = 0; k < d.size(); k++) {
                int in = y.input(k);
                if (d.get(k) != Rules.NONE && !(b.node(in).op() instanceof dev.chainrule.graph.op.Constant)) {
                    if (d.get(k) >= built) {
                        b.relabel(d.get(k), "d_" + b.node(in).label());
                    }
                    checkShape(b, y, in, d.get(k));
                    // a node reading the same input twice (x * x) contributes twice, in order
                    contributions.computeIfAbsent(in, x -> new TreeMap<>())
                            .merge(id, d.get(k), (a, c) -> b.plus(a, c));
                }
            }
        }
        return adjoint;
    }

    private static Integer total(GraphBuilder b, Node x, TreeMap<Integer, Integer> parts) {
        if (parts == null) {
            return null;
        }
        String previous = b.label();
        b.label("d_" + x.label());
        int sum = Rules.NONE;
        for (int part : parts.values()) {
            sum = b.plus(sum, part);
        }
        b.label(previous);
        return sum;
    }

    private static void checkShape(GraphBuilder b, Node y, int input, int contribution) {
        if (!b.shape(input).equals(b.shape(contribution))) {
            throw new IllegalStateException(y.op().mnemonic() + "'s vjp gave shape "
                    + b.shape(contribution) + " for an input of shape " + b.shape(input));
        }
    }

    /**
     * Forward mode: one sweep over the first {@code count} nodes, each leaf's tangent given by
     * {@code seeds} (leaves without one have tangent 0).
     *
     * @return node id → the node holding its tangent, for every node with a nonzero tangent
     */
    public static Map<Integer, Integer> jvp(GraphBuilder b, int count, Map<Integer, Integer> seeds) {
        Map<Integer, Integer> tangent = new HashMap<>(seeds);
        for (int id = 0; id < count; id++) {
            Node y = b.node(id);
            if (y.op() instanceof Leaf || y.inputs().isEmpty()) {
                continue;
            }
            List<Integer> in = new ArrayList<>();
            boolean any = false;
            for (int x : y.inputs()) {
                int t = tangent.getOrDefault(x, Rules.NONE);
                in.add(t);
                any |= t != Rules.NONE;
            }
            if (!any) {
                continue;
            }
            String previous = b.label();
            b.label("dot_" + y.label());
            int t = y.op().jvp(b, y, in);
            b.label(previous);
            if (t != Rules.NONE) {
                if (!b.shape(t).equals(y.shape())) {
                    throw new IllegalStateException(y.op().mnemonic() + "'s jvp gave shape "
                            + b.shape(t) + " for a value of shape " + y.shape());
                }
                tangent.put(id, t);
            }
        }
        return tangent;
    }
}
