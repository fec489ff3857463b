package dev.chainrule.onnx;

import dev.chainrule.onnx.proto.Onnx.AttributeProto;
import dev.chainrule.onnx.proto.Onnx.NodeProto;
import dev.chainrule.description.SpecException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One ONNX node being imported: its inputs as {@link Value}s, its attributes, the model's
 * opset, and the draft its expression lines go to. An op's mapping reads everything from here.
 */
final class NodeImport {

    final NodeProto node;
    final List<Value> inputs;
    final int opset;
    final GraphDraft draft;
    final String file;
    final Path directory;
    private final long batch;

    NodeImport(NodeProto node, List<Value> inputs, int opset, GraphDraft draft, String file,
               Path directory, long batch) {
        this.batch = batch;
        this.node = node;
        this.inputs = inputs;
        this.opset = opset;
        this.draft = draft;
        this.file = file;
        this.directory = directory;
    }

    /** The batch size the model's inputs fix, or {@link ShapeFolding#BATCH} when symbolic. */
    long batch() {
        return batch;
    }

    /** Input {@code k}, or {@code null} when absent (an empty name or past the end). */
    Value in(int k) {
        return k < inputs.size() ? inputs.get(k) : null;
    }

    /** Input {@code k}, which must be a per-sample value. */
    Traced traced(int k) {
        if (in(k) instanceof Traced t) {
            return t;
        }
        throw error("input " + (k + 1) + " must be computed from the model's inputs");
    }

    /** Input {@code k}, which must be known before any sample (an initializer or a shape). */
    Folded folded(int k) {
        if (in(k) instanceof Folded f) {
            return f;
        }
        throw error("input " + (k + 1) + " must be a constant (an initializer, a Constant or"
                + " a shape computation)");
    }

    /** A graph line for output 0. */
    Traced line(String expression, List<Integer> shape) {
        return draft.line(node.getOutput(0), expression, shape);
    }

    /**
     * How {@code v} appears in an expression: a per-sample value by name, a one-element
     * constant as a number, an initializer as a param, any other constant (a Constant node's,
     * a folded one) as a constant.
     */
    String operand(Value v, List<Integer> perSampleShape) {
        if (v instanceof Traced t) {
            return t.name();
        }
        Folded f = (Folded) v;
        if (f.data().length == 1) {
            return number(f.data()[0]);
        }
        return (f.initializer() != null ? draft.param(f, perSampleShape)
                : draft.constant(f, perSampleShape)).name();
    }

    static String number(double value) {
        String text = value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value) + ".0" : Double.toString(value);
        return value < 0 ? "(" + text + ")" : text;
    }

    AttributeProto attribute(String name) {
        for (AttributeProto a : node.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a;
            }
        }
        return null;
    }

    long integer(String name, long otherwise) {
        AttributeProto a = attribute(name);
        return a == null ? otherwise : a.getI();
    }

    double real(String name, double otherwise) {
        AttributeProto a = attribute(name);
        return a == null ? otherwise : a.getF();
    }

    /** An ints attribute, or {@code null} when absent. */
    long[] integers(String name) {
        AttributeProto a = attribute(name);
        return a == null ? null : a.getIntsList().stream().mapToLong(Long::longValue).toArray();
    }

    /**
     * Axes given as an attribute (older opsets) or as input {@code input} (newer ones);
     * {@code null} when neither is there.
     */
    long[] axes(int input) {
        long[] attribute = integers("axes");
        if (attribute != null) {
            return attribute;
        }
        return in(input) == null ? null : folded(input).longs();
    }

    /** Per-sample axes from ONNX axes of a value of per-sample rank {@code rank}. */
    int[] perSampleAxes(long[] axes, int rank) {
        int[] out = new int[axes.length];
        for (int k = 0; k < axes.length; k++) {
            long a = axes[k] < 0 ? axes[k] + rank + 1 : axes[k];
            if (a == 0) {
                throw error("axis 0 is the batch; only per-sample axes can be imported");
            }
            out[k] = (int) a - 1;
        }
        return out;
    }

    SpecException error(String problem) {
        return OnnxError.of(file, "node " + describe(node) + " (" + node.getOpType() + ", opset "
                + opset + "): " + problem);
    }

    /** The node's name, or its first output's when it has none. */
    static String describe(NodeProto node) {
        return "'" + (node.getName().isEmpty() ? node.getOutput(0) : node.getName()) + "'";
    }

    static List<Integer> dims(long... dims) {
        List<Integer> out = new ArrayList<>();
        for (long d : dims) {
            out.add((int) d);
        }
        return out;
    }
}
