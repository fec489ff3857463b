package dev.chainrule.graph;

import dev.chainrule.graph.op.Constant;
import dev.chainrule.graph.op.Leaf;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Appends to a forward graph every derivative its generated class computes: d loss / d param
 * for training (seeded with the constant 1), d output / d every name for {@code grad}'s reverse
 * mode (seeded by a leaf the pass sets to 1, so the code reads {@code d_c = d_e * d}), and the
 * tangent of every name from one tangent seed per leaf for forward mode.
 */
public final class Derivatives {

    private Derivatives() {}

    public static Graph differentiate(Graph forward) {
        return differentiate(forward, true);
    }

    /**
     * @param everyName also d output / d every name and every name's tangent, for {@code grad};
     *     without them only the param gradients that training needs are built
     */
    public static Graph differentiate(Graph forward, boolean everyName) {
        GraphBuilder b = new GraphBuilder(forward);
        int count = forward.nodes().size();
        GraphInfo info = forward.info();
        int loss = forward.value(info.loss());

        b.label("d_" + info.loss());
        int one = b.add(new Constant(Tensor.scalar(1)));
        Map<Integer, Integer> lossAdjoints = Autodiff.vjp(b, loss, one);
        Map<String, Integer> gradients = new LinkedHashMap<>();
        for (Node p : forward.leaves(Role.PARAM)) {
            Integer d = lossAdjoints.get(p.id());
            if (d != null) {
                gradients.put(((Leaf) p.op()).name(), d);
            }
        }

        Map<String, Integer> adjoints = new LinkedHashMap<>();
        Map<String, Integer> tangents = new LinkedHashMap<>();
        if (!everyName) {
            return forward.with(b.nodes(), adjoints, tangents, gradients);
        }
        int output = forward.value(info.output());
        if (forward.shape(output).isScalar()) {
            b.label("d_" + info.output());
            int seed = b.add(new Leaf(Role.ADJOINT_SEED, info.output(), Shape.SCALAR));
            Map<Integer, Integer> outputAdjoints = Autodiff.vjp(b, output, seed);
            named(forward, outputAdjoints, adjoints);
        }

        Map<Integer, Integer> seeds = new LinkedHashMap<>();
        for (Role role : List.of(Role.INPUT, Role.TARGET, Role.PARAM)) {
            for (Node leaf : forward.leaves(role)) {
                String name = ((Leaf) leaf.op()).name();
                b.label("dot_" + name);
                seeds.put(leaf.id(), b.add(new Leaf(Role.TANGENT_SEED, name, leaf.shape())));
            }
        }
        named(forward, Autodiff.jvp(b, count, seeds), tangents);
        return forward.with(b.nodes(), adjoints, tangents, gradients);
    }

    private static void named(Graph forward, Map<Integer, Integer> byNode, Map<String, Integer> out) {
        for (String name : forward.info().names()) {
            Integer d = byNode.get(forward.value(name));
            if (d != null) {
                out.put(name, d);
            }
        }
    }
}
