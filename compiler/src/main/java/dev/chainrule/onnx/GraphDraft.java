package dev.chainrule.onnx;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The graph description an import builds up, in the order its YAML lists it: inputs, targets,
 * params and constants (each with the ONNX initializer it came from), then one expression per
 * ONNX node output, the output and the loss.
 */
final class GraphDraft {

    /** A param or constant: its identifier, per-sample shape, ONNX name and values. */
    record Tensor(String name, List<Integer> shape, String onnxName, double[] values) {}

    /** One {@code graph:} line. */
    record Line(String name, String expression) {}

    final OnnxNames names = new OnnxNames();
    final Map<String, List<Integer>> inputs = new LinkedHashMap<>();
    final Map<String, List<Integer>> targets = new LinkedHashMap<>();
    final List<Tensor> params = new ArrayList<>();
    final List<Tensor> constants = new ArrayList<>();
    final List<Line> lines = new ArrayList<>();
    /** Initializer name → the param or constant made from it (each use gets its own param). */
    private final Map<String, Tensor> byInitializer = new LinkedHashMap<>();
    String output;
    String loss;
    /** Whether the model computes in double (its inputs are DOUBLE), else float. */
    boolean doublePrecision;

    Traced input(String onnxName, List<Integer> shape) {
        String name = names.identifier(onnxName);
        inputs.put(name, List.copyOf(shape));
        return new Traced(name, shape);
    }

    Traced target(List<Integer> shape) {
        String name = names.identifier("target");
        targets.put(name, List.copyOf(shape));
        return new Traced(name, shape);
    }

    /**
     * A param holding {@code value}, named after its initializer. An initializer read a second
     * time (exporters merge equal initializers) gets a param of its own, with its own values.
     */
    Traced param(Folded value, List<Integer> shape) {
        return tensor(value, shape, params);
    }

    /** A constant holding {@code value} (BatchNorm's running statistics). */
    Traced constant(Folded value, List<Integer> shape) {
        return tensor(value, shape, constants);
    }

    private Traced tensor(Folded value, List<Integer> shape, List<Tensor> into) {
        String onnxName = value.initializer();
        if (onnxName != null && byInitializer.containsKey(onnxName)) {
            Tensor first = byInitializer.get(onnxName);
            if (into.contains(first)) {
                return new Traced(first.name(), first.shape());
            }
            onnxName = null; // used as a param and as a constant: the second copy has no name
        }
        String name = names.identifier(onnxName != null ? onnxName : "const");
        Tensor t = new Tensor(name, List.copyOf(shape), onnxName, value.data().clone());
        into.add(t);
        if (onnxName != null) {
            byInitializer.put(onnxName, t);
        }
        return new Traced(name, shape);
    }

    /** A graph line naming the value {@code onnxName}. */
    Traced line(String onnxName, String expression, List<Integer> shape) {
        String name = names.identifier(onnxName);
        lines.add(new Line(name, expression));
        return new Traced(name, shape);
    }

    /** Every param and constant, by the name weights files use. */
    Map<String, Tensor> weights() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (List<Tensor> list : List.of(params, constants)) {
            for (Tensor t : list) {
                out.put(t.onnxName() != null ? t.onnxName() : t.name(), t);
            }
        }
        return out;
    }
}
