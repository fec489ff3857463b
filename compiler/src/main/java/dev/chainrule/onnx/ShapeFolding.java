package dev.chainrule.onnx;

import dev.chainrule.onnx.OnnxOps.OpImport;
import dev.chainrule.onnx.proto.Onnx.AttributeProto;
import dev.chainrule.onnx.proto.Onnx.TensorProto.DataType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The shape computations exporters emit ({@code x.view(x.size(0), -1)} becomes Shape, Gather,
 * Unsqueeze, Concat, Reshape), folded to constants once the per-sample shapes are known, and
 * the {@code Constant} op. A symbolic batch folds to {@link #BATCH}, a number no model uses,
 * so that a Reshape can tell that its target keeps the batch first.
 */
final class ShapeFolding {

    /** The symbolic batch size while folding. */
    static final long BATCH = 1_000_000_007L;

    private ShapeFolding() {}

    static void register(Map<String, OpImport> table) {
        table.put("Constant", ShapeFolding::constant);
        table.put("Shape", ShapeFolding::shape);
        table.put("Gather", ShapeFolding::gather);
        table.put("Unsqueeze", n -> squeeze(n, true));
        table.put("Squeeze", n -> squeeze(n, false));
        table.put("Concat", ShapeFolding::concat);
        table.put("Slice", ShapeFolding::slice);
        table.put("Cast", ShapeFolding::cast);
    }

    private static List<Value> constant(NodeImport n) {
        AttributeProto a = n.node.getAttributeCount() == 1 ? n.node.getAttribute(0) : null;
        if (a == null) {
            throw n.error("expected exactly one attribute (value, value_float...)");
        }
        return OnnxOps.one(switch (a.getName()) {
            case "value" -> {
                Folded t = OnnxTensors.read(a.getT(), n.directory, n.file);
                yield new Folded(t.dims(), t.data(), t.integer(), null);
            }
            case "value_float" -> Folded.scalar(a.getF(), false);
            case "value_int" -> Folded.scalar(a.getI(), true);
            case "value_floats" -> new Folded(new long[] {a.getFloatsCount()},
                    a.getFloatsList().stream().mapToDouble(Float::doubleValue).toArray(), false,
                    null);
            case "value_ints" -> Folded.ints(a.getIntsList().stream().mapToLong(Long::longValue)
                    .toArray());
            default -> throw n.error("attribute " + a.getName() + " is not supported");
        });
    }

    private static List<Value> shape(NodeImport n) {
        long[] dims;
        if (n.in(0) instanceof Traced t) {
            dims = new long[t.rank() + 1];
            dims[0] = BATCH;
            for (int k = 0; k < t.rank(); k++) {
                dims[k + 1] = t.shape().get(k);
            }
        } else {
            dims = n.folded(0).dims();
        }
        int start = (int) clamp(n.integer("start", 0), dims.length);
        int end = (int) clamp(n.integer("end", dims.length), dims.length);
        return OnnxOps.one(Folded.ints(Arrays.copyOfRange(dims, start, Math.max(start, end))));
    }

    private static long clamp(long index, int length) {
        long i = index < 0 ? index + length : index;
        return Math.max(0, Math.min(length, i));
    }

    private static List<Value> gather(NodeImport n) {
        Folded data = n.folded(0);
        Folded indices = n.folded(1);
        if (data.rank() != 1 || n.integer("axis", 0) != 0) {
            throw n.error("only a gather from a 1-D constant can be folded");
        }
        double[] out = new double[indices.data().length];
        for (int k = 0; k < out.length; k++) {
            out[k] = data.data()[(int) clamp((long) indices.data()[k], data.data().length)];
        }
        return OnnxOps.one(data.computed(indices.dims(), out));
    }

    private static List<Value> squeeze(NodeImport n, boolean insert) {
        if (insert && n.in(0) instanceof Traced t) {
            return OnnxOps.one(leadingOnes(n, t));
        }
        Folded x = n.folded(0);
        long[] axes = n.axes(1);
        List<Long> dims = new ArrayList<>();
        for (long d : x.dims()) {
            dims.add(d);
        }
        if (insert) {
            int rank = x.rank() + axes.length;
            long[] sorted = axes.clone();
            for (int k = 0; k < sorted.length; k++) {
                sorted[k] = sorted[k] < 0 ? sorted[k] + rank : sorted[k];
            }
            Arrays.sort(sorted);
            for (long a : sorted) {
                dims.add((int) a, 1L);
            }
        } else if (axes == null) {
            dims.removeIf(d -> d == 1);
        } else {
            long[] sorted = axes.clone();
            for (int k = 0; k < sorted.length; k++) {
                sorted[k] = sorted[k] < 0 ? sorted[k] + x.rank() : sorted[k];
            }
            Arrays.sort(sorted);
            for (int k = sorted.length - 1; k >= 0; k--) {
                dims.remove((int) sorted[k]);
            }
        }
        return OnnxOps.one(x.computed(dims.stream().mapToLong(Long::longValue).toArray(),
                x.data()));
    }

    /**
     * 1s right after the batch change nothing per sample where numpy broadcasting aligns
     * trailing dimensions (what {@code export} writes before a per-sample scalar meets a
     * vector), so they keep the value as it is.
     */
    private static Traced leadingOnes(NodeImport n, Traced t) {
        long[] axes = n.axes(1);
        int rank = t.rank() + 1 + axes.length;
        long[] sorted = axes.clone();
        for (int k = 0; k < sorted.length; k++) {
            sorted[k] = sorted[k] < 0 ? sorted[k] + rank : sorted[k];
        }
        Arrays.sort(sorted);
        for (int k = 0; k < sorted.length; k++) {
            if (sorted[k] != k + 1) {
                throw n.error("only 1s right after the batch can be inserted in a per-sample"
                        + " value, got axes " + Arrays.toString(axes));
            }
        }
        return t;
    }

    private static List<Value> concat(NodeImport n) {
        List<Double> out = new ArrayList<>();
        boolean integer = true;
        for (int k = 0; k < n.inputs.size(); k++) {
            Folded part = n.folded(k);
            if (part.rank() > 1) {
                throw n.error("only 1-D constants can be concatenated while folding shapes");
            }
            integer &= part.integer();
            for (double v : part.data()) {
                out.add(v);
            }
        }
        double[] data = out.stream().mapToDouble(Double::doubleValue).toArray();
        return OnnxOps.one(new Folded(new long[] {data.length}, data, integer, null));
    }

    private static List<Value> slice(NodeImport n) {
        Folded x = n.folded(0);
        if (x.rank() != 1) {
            throw n.error("only a slice of a 1-D constant can be folded");
        }
        long start = n.opset < 10 ? n.integers("starts")[0] : n.folded(1).longs()[0];
        long end = n.opset < 10 ? n.integers("ends")[0] : n.folded(2).longs()[0];
        long step = n.opset >= 10 && n.in(4) != null ? n.folded(4).longs()[0] : 1;
        if (step != 1) {
            throw n.error("only step 1 can be folded");
        }
        int length = x.data().length;
        int from = (int) clamp(start, length);
        int to = (int) clamp(Math.min(end, length), length);
        double[] data = Arrays.copyOfRange(x.data(), from, Math.max(from, to));
        return OnnxOps.one(x.computed(new long[] {data.length}, data));
    }

    private static List<Value> cast(NodeImport n) {
        DataType to = DataType.forNumber((int) n.integer("to", 0));
        boolean real = to == DataType.FLOAT || to == DataType.DOUBLE;
        if (n.in(0) instanceof Traced t) {
            // a float model's values widen to double exactly; narrowing would round
            if (to != DataType.DOUBLE && (to != DataType.FLOAT || n.draft.doublePrecision)) {
                throw n.error("a per-sample value can only be cast to its own element type or"
                        + " from FLOAT to DOUBLE (a model computes in one precision)");
            }
            return OnnxOps.one(t);
        }
        Folded x = n.folded(0);
        return OnnxOps.one(new Folded(x.dims(), x.data(), !real, null));
    }

    /** A function of every element of a constant (the sqrt of a running variance, say). */
    static Folded map(Folded x, String function) {
        double[] out = x.data().clone();
        for (int k = 0; k < out.length; k++) {
            double v = out[k];
            out[k] = switch (function) {
                case "neg" -> -v;
                case "relu" -> Math.max(v, 0);
                case "sigmoid" -> 1 / (1 + Math.exp(-v));
                case "tanh" -> Math.tanh(v);
                case "exp" -> Math.exp(v);
                case "log" -> Math.log(v);
                case "sqrt" -> Math.sqrt(v);
                case "abs" -> Math.abs(v);
                default -> throw new IllegalArgumentException(function);
            };
        }
        return x.computed(x.dims(), out);
    }

    /** Elementwise arithmetic on two constants (a shape's product, say). */
    static Folded arithmetic(NodeImport n, Folded a, Folded b, String operator) {
        Folded big = a.data().length >= b.data().length ? a : b;
        if (a.data().length != b.data().length && Math.min(a.data().length, b.data().length) != 1) {
            throw n.error("only equal shapes or a scalar can be folded");
        }
        double[] out = new double[big.data().length];
        for (int k = 0; k < out.length; k++) {
            double x = a.data()[a.data().length == 1 ? 0 : k];
            double y = b.data()[b.data().length == 1 ? 0 : k];
            out[k] = switch (operator) {
                case "+" -> x + y;
                case "-" -> x - y;
                case "*" -> x * y;
                default -> a.integer() && b.integer() ? Math.floorDiv((long) x, (long) y) : x / y;
            };
        }
        return new Folded(big.dims(), out, a.integer() && b.integer(), null);
    }

    /**
     * The per-sample shape a Reshape target gives {@code x}, whose target must keep the batch
     * first: the batch itself (its number or the symbolic one), 0, or -1 beside fixed
     * per-sample sizes.
     */
    static List<Integer> perSampleTarget(NodeImport n, Traced x, long[] target) {
        long size = x.shape().stream().mapToLong(Integer::longValue).reduce(1, (p, d) -> p * d);
        if (target.length == 0) {
            throw n.error("a Reshape to a scalar would drop the batch");
        }
        long first = target[0];
        boolean batchFirst = first == 0 || first == BATCH || first == n.batch() || first == -1;
        List<Integer> rest = new ArrayList<>();
        int inferred = -1;
        long known = 1;
        for (int k = 1; k < target.length; k++) {
            long d = target[k] == 0 && k <= x.rank() ? x.shape().get(k - 1) : target[k];
            if (d == -1) {
                if (first == -1 || inferred >= 0) {
                    throw n.error("target " + Arrays.toString(target) + " has more than one -1");
                }
                inferred = k - 1;
                rest.add(1);
            } else {
                rest.add((int) d);
                known *= d;
            }
        }
        if (!batchFirst || known == 0 || size % known != 0
                || inferred < 0 && first != -1 && known != size) {
            throw n.error("target " + Arrays.toString(target).replace(
                    String.valueOf(BATCH), "N") + " does not keep the batch first (input "
                    + "per-sample shape " + x.shape() + ")");
        }
        if (inferred >= 0) {
            rest.set(inferred, (int) (size / known));
        }
        return rest;
    }
}
