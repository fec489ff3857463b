package dev.chainrule.ir;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Appends values to a new {@link Graph}, inferring each shape from its op and inputs. */
public final class GraphBuilder {

    private final List<Value> values = new ArrayList<>();
    private final Map<String, Integer> outputs = new LinkedHashMap<>();

    public GraphBuilder() {}

    /** Starts from an existing graph's values and outputs, to extend it. */
    public GraphBuilder(Graph graph) {
        values.addAll(graph.values());
        outputs.putAll(graph.outputs());
    }

    public Value value(int id) {
        return values.get(id);
    }

    public int add(Op op, String label, int... inputs) {
        List<Integer> ins = new ArrayList<>(inputs.length);
        List<Shape> shapes = new ArrayList<>(inputs.length);
        for (int in : inputs) {
            ins.add(in);
            shapes.add(values.get(in).shape());
        }
        return add(op, label, ins, ShapeRules.infer(op, shapes, null));
    }

    /** Adds a leaf whose shape the op cannot tell (parameters). */
    public int addLeaf(Op op, String label, Shape shape) {
        return add(op, label, List.of(), ShapeRules.infer(op, List.of(), shape));
    }

    /** Appends a copy of {@code v} (from another graph) reading {@code inputs} of this one. */
    public int copy(Value v, List<Integer> inputs) {
        return add(v.op(), v.label(), inputs, v.shape());
    }

    private int add(Op op, String label, List<Integer> inputs, Shape shape) {
        int id = values.size();
        values.add(new Value(id, op, inputs, shape, label));
        return id;
    }

    public void output(String name, int id) {
        outputs.put(name, id);
    }

    public Graph build() {
        return new Graph(values, outputs);
    }
}
