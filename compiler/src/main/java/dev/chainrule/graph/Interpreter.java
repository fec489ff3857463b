package dev.chainrule.graph;

import dev.chainrule.graph.op.Leaf;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The reference meaning of a graph: every node evaluated in double by its op's {@code eval}.
 * It is the oracle the generated classes are tested against.
 */
public final class Interpreter {

    private Interpreter() {}

    /**
     * @param leaves a value for every input, target and param leaf the graph has, by name
     * @param tangentSeeds the tangent of each leaf a forward pass is seeded with (others 0)
     * @return every node's value, by id
     */
    public static Tensor[] run(Graph g, Map<String, Tensor> leaves, Map<String, Tensor> tangentSeeds) {
        Tensor[] v = new Tensor[g.nodes().size()];
        for (Node n : g.nodes()) {
            if (n.op() instanceof Leaf leaf) {
                v[n.id()] = switch (leaf.role()) {
                    case INPUT, TARGET, PARAM -> require(leaves, leaf.name(), n.shape());
                    case ADJOINT_SEED -> Tensor.filled(n.shape(), 1);
                    case TANGENT_SEED -> tangentSeeds.getOrDefault(leaf.name(),
                            Tensor.zeros(n.shape()));
                };
            } else {
                List<Tensor> in = new ArrayList<>();
                for (int i : n.inputs()) {
                    in.add(v[i]);
                }
                v[n.id()] = n.op().eval(in);
            }
        }
        return v;
    }

    public static Tensor[] run(Graph g, Map<String, Tensor> leaves) {
        return run(g, leaves, Map.of());
    }

    private static Tensor require(Map<String, Tensor> leaves, String name, Shape shape) {
        Tensor t = leaves.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no value for " + name);
        }
        if (!t.shape().equals(shape)) {
            throw new IllegalArgumentException(name + " has shape " + shape + ", got " + t.shape());
        }
        return t;
    }
}
