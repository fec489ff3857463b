package dev.chainrule.graph;

import dev.chainrule.graph.op.Leaf;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;

/**
 * An immutable graph of {@link Node}s in evaluation order (every input precedes its user),
 * with what each later stage needs by name, so no stage reads the description again:
 *
 * @param values the description's names (inputs, targets, params, graph nodes) → their node
 * @param adjoints name → the node holding d output / d name, for the names a reverse pass
 *     reaches (the others are 0)
 * @param tangents name → the node holding d name / d seed, for the names a forward pass
 *     reaches (the others are 0)
 * @param gradients param name → the node holding d loss / d param, for training
 */
public record Graph(List<Node> nodes, Map<String, Integer> values, Map<String, Integer> adjoints,
                    Map<String, Integer> tangents, Map<String, Integer> gradients,
                    GraphInfo info) {

    public Graph {
        nodes = List.copyOf(nodes);
        values = copy(values);
        adjoints = copy(adjoints);
        tangents = copy(tangents);
        gradients = copy(gradients);
        for (int k = 0; k < nodes.size(); k++) {
            if (nodes.get(k).id() != k) {
                throw new IllegalArgumentException("node " + k + " has id " + nodes.get(k).id());
            }
        }
    }

    private static Map<String, Integer> copy(Map<String, Integer> m) {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    public Node node(int id) {
        return nodes.get(id);
    }

    public Shape shape(int id) {
        return nodes.get(id).shape();
    }

    /** Leaves of one role in graph order. */
    public List<Node> leaves(Role role) {
        List<Node> out = new ArrayList<>();
        for (Node n : nodes) {
            if (n.op() instanceof Leaf l && l.role() == role) {
                out.add(n);
            }
        }
        return out;
    }

    /** The node of a description name. */
    public int value(String name) {
        Integer id = values.get(name);
        if (id == null) {
            throw new IllegalArgumentException("no value named " + name);
        }
        return id;
    }

    public Graph withNodes(List<Node> newNodes, IntUnaryOperator remap) {
        return new Graph(newNodes, remap(values, remap), remap(adjoints, remap),
                remap(tangents, remap), remap(gradients, remap), info);
    }

    public Graph with(List<Node> newNodes, Map<String, Integer> newAdjoints,
                      Map<String, Integer> newTangents, Map<String, Integer> newGradients) {
        return new Graph(newNodes, values, newAdjoints, newTangents, newGradients, info);
    }

    private static Map<String, Integer> remap(Map<String, Integer> m, IntUnaryOperator f) {
        Map<String, Integer> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, f.applyAsInt(v)));
        return out;
    }

    /** How many nodes read each node, counting the named roles as readers. */
    public int[] useCounts() {
        int[] uses = new int[nodes.size()];
        for (Node n : nodes) {
            for (int in : n.inputs()) {
                uses[in]++;
            }
        }
        for (Map<String, Integer> m : List.of(values, adjoints, tangents, gradients)) {
            m.values().forEach(id -> uses[id]++);
        }
        return uses;
    }
}
