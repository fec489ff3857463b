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
        table.put("ConstantOfShape", ShapeFolding::constantOfShape);
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

    /**
     * Starts, ends, axes and steps as ONNX defines them, negative steps included (PyTorch
     * reverses a pad list with one before a ZeroPad2d's Pad).
     */
    private static List<Value> slice(NodeImport n) {
        Folded x = n.folded(0);
        boolean inputs = n.opset >= 10;
        long[] starts = inputs ? n.folded(1).longs() : n.integers("starts");
        long[] ends = inputs ? n.folded(2).longs() : n.integers("ends");
        long[] axes = inputs ? (n.in(3) == null ? null : n.folded(3).longs()) : n.integers("axes");
        long[] steps = inputs && n.in(4) != null ? n.folded(4).longs() : null;
        if (starts == null || ends == null || ends.length != starts.length
                || axes != null && axes.length != starts.length
                || steps != null && steps.length != starts.length) {
            throw n.error("expected starts, ends and any axes and steps of one length");
        }
        int[][] picks = new int[x.rank()][];
        for (int a = 0; a < x.rank(); a++) {
            picks[a] = range(0, x.dims()[a], 1, x.dims()[a]);
        }
        for (int k = 0; k < starts.length; k++) {
            long axis = axes == null ? k : axes[k] < 0 ? axes[k] + x.rank() : axes[k];
            long step = steps == null ? 1 : steps[k];
            if (axis < 0 || axis >= x.rank() || step == 0) {
                throw n.error("axis " + axis + " with step " + step + " cannot be folded");
            }
            picks[(int) axis] = range(starts[k], ends[k], step, x.dims()[(int) axis]);
        }
        long[] dims = new long[x.rank()];
        int size = 1;
        for (int a = 0; a < dims.length; a++) {
            dims[a] = picks[a].length;
            size *= picks[a].length;
        }
        double[] data = new double[size];
        for (int k = 0; k < size; k++) {
            int from = 0;
            for (int a = 0, rest = k, stride = size; a < dims.length; a++) {
                stride /= picks[a].length;
                from = from * (int) x.dims()[a] + picks[a][rest / stride];
                rest %= stride;
            }
            data[k] = x.data()[from];
        }
        return OnnxOps.one(x.computed(dims, data));
    }

    /** The indices a slice takes along an axis of {@code length}, clamped as ONNX does. */
    private static int[] range(long start, long end, long step, long length) {
        long first = start < 0 ? start + length : start;
        long last = end < 0 ? end + length : end;
        first = step > 0 ? Math.max(0, Math.min(length, first))
                : Math.max(0, Math.min(length - 1, first));
        last = step > 0 ? Math.max(0, Math.min(length, last))
                : Math.max(-1, Math.min(length - 1, last));
        List<Integer> out = new ArrayList<>();
        for (long i = first; step > 0 ? i < last : i > last; i += step) {
            out.add((int) i);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** A constant of the given shape, every element the {@code value} attribute (default 0). */
    private static List<Value> constantOfShape(NodeImport n) {
        long[] dims = n.folded(0).longs();
        AttributeProto a = n.attribute("value");
        Folded value = a == null ? Folded.scalar(0, false)
                : OnnxTensors.read(a.getT(), n.directory, n.file);
        long size = Arrays.stream(dims).reduce(1, (p, d) -> p * d);
        if (value.data().length != 1 || size > 1 << 20
                || Arrays.stream(dims).anyMatch(d -> d < 0)) {
            throw n.error("expected a one-element value and a small shape, got "
                    + Arrays.toString(dims));
        }
        double[] data = new double[(int) size];
        Arrays.fill(data, value.data()[0]);
        return OnnxOps.one(new Folded(dims, data, value.integer(), null));
    }

    /** A Transpose of a constant (PyTorch's pad list, as [begins, ends]). */
    static Folded transpose(NodeImport n, Folded x, long[] perm) {
        int rank = x.rank();
        if (perm != null && perm.length != rank) {
            throw n.error("perm " + Arrays.toString(perm) + " for a constant of rank " + rank);
        }
        long[] dims = new long[rank];
        int[] strides = new int[rank];
        for (int a = rank - 1, stride = 1; a >= 0; a--) {
            strides[a] = stride;
            stride *= (int) x.dims()[a];
        }
        for (int a = 0; a < rank; a++) {
            dims[a] = x.dims()[(int) (perm == null ? rank - 1 - a : perm[a])];
        }
        double[] data = new double[x.data().length];
        for (int k = 0; k < data.length; k++) {
            int from = 0;
            for (int a = rank - 1, rest = k; a >= 0; a--) {
                from += (int) (rest % dims[a]) * strides[(int) (perm == null ? rank - 1 - a
                        : perm[a])];
                rest /= (int) dims[a];
            }
            data[k] = x.data()[from];
        }
        return x.computed(dims, data);
    }

    /** A Reshape of a constant: 0 keeps the dimension, -1 takes the rest. */
    static Folded reshape(NodeImport n, Folded x, long[] target) {
        long[] dims = target.clone();
        long known = 1;
        int inferred = -1;
        for (int k = 0; k < dims.length; k++) {
            if (dims[k] == 0 && k < x.rank()) {
                dims[k] = x.dims()[k];
            }
            if (dims[k] == -1) {
                inferred = k;
            } else {
                known *= dims[k];
            }
        }
        if (inferred >= 0 && known > 0) {
            dims[inferred] = x.data().length / known;
        }
        if (Arrays.stream(dims).reduce(1, (p, d) -> p * d) != x.data().length) {
            throw n.error("cannot reshape a constant of shape " + Arrays.toString(x.dims())
                    + " to " + Arrays.toString(target));
        }
        return x.computed(dims, x.data());
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
