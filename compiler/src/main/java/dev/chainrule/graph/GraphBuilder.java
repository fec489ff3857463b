package dev.chainrule.graph;

import dev.chainrule.graph.op.Op;
import dev.chainrule.graph.op.Rules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Appends nodes in evaluation order, inferring each shape from its op's shape rule. Derivative
 * rules build through it ({@link Rules}); new nodes take the current {@link #label}.
 */
public final class GraphBuilder implements Rules {

    private final List<Node> nodes;
    private String label = "";

    public GraphBuilder() {
        this.nodes = new ArrayList<>();
    }

    /** Continues {@code graph}: its nodes keep their ids. */
    public GraphBuilder(Graph graph) {
        this.nodes = new ArrayList<>(graph.nodes());
    }

    /** The label of the nodes added from now on. */
    public GraphBuilder label(String label) {
        this.label = label;
        return this;
    }

    public String label() {
        return label;
    }

    @Override
    public Shape shape(int id) {
        return nodes.get(id).shape();
    }

    public Node node(int id) {
        return nodes.get(id);
    }

    /**
     * @throws dev.chainrule.graph.op.ShapeError if the op cannot take its inputs' shapes
     */
    @Override
    public int add(Op op, int... inputs) {
        List<Shape> shapes = new ArrayList<>();
        for (int in : inputs) {
            shapes.add(nodes.get(in).shape());
        }
        Shape shape = op.shape(shapes);
        int id = nodes.size();
        nodes.add(new Node(id, op, Arrays.stream(inputs).boxed().toList(), shape, label));
        return id;
    }

    /** Renames a node already added (the node a description name ends up denoting). */
    public void relabel(int id, String newLabel) {
        Node n = nodes.get(id);
        nodes.set(id, new Node(id, n.op(), n.inputs(), n.shape(), newLabel));
    }

    public int size() {
        return nodes.size();
    }

    public List<Node> nodes() {
        return List.copyOf(nodes);
    }
}
