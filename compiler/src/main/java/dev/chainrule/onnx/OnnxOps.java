package dev.chainrule.onnx;

import dev.chainrule.graph.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The operators an ONNX model may use, one mapping each: from a node's inputs to the
 * description's expression for its output (or a folded constant). Adding an operator is one
 * entry here; the shape computations exporters emit are in {@link ShapeFolding}.
 */
final class OnnxOps {

    /** One operator's import: the node's output values. */
    @FunctionalInterface
    interface OpImport {
        List<Value> apply(NodeImport n);
    }

    static final Map<String, OpImport> TABLE = new TreeMap<>();

    static {
        TABLE.put("Identity", OnnxOps::identity);
        TABLE.put("Dropout", OnnxOps::dropout);
        for (String f : List.of("Relu", "Sigmoid", "Tanh", "Exp", "Log", "Sqrt", "Abs")) {
            TABLE.put(f, n -> unary(n, f.toLowerCase()));
        }
        TABLE.put("Neg", n -> n.in(0) instanceof Folded f ? one(ShapeFolding.map(f, "neg"))
                : one(n.line("-" + n.traced(0).name(), n.traced(0).shape())));
        TABLE.put("Add", n -> binary(n, "+"));
        TABLE.put("Sub", n -> binary(n, "-"));
        TABLE.put("Mul", n -> binary(n, "*"));
        TABLE.put("Div", n -> binary(n, "/"));
        TABLE.put("Pow", OnnxOps::pow);
        TABLE.put("MatMul", OnnxOps::matMul);
        TABLE.put("Gemm", OnnxOps::gemm);
        TABLE.put("Softmax", n -> softmax(n, "softmax"));
        TABLE.put("LogSoftmax", n -> softmax(n, "log_softmax"));
        TABLE.put("Flatten", OnnxOps::flatten);
        TABLE.put("Reshape", OnnxOps::reshape);
        TABLE.put("Transpose", OnnxOps::transpose);
        TABLE.put("ReduceSum", n -> reduce(n, "sum", n.opset >= 13));
        TABLE.put("ReduceMean", n -> reduce(n, "mean", n.opset >= 18));
        TABLE.put("BatchNormalization", OnnxOps::batchNorm);
        ImageOps.register(TABLE);
        ShapeFolding.register(TABLE);
    }

    private OnnxOps() {}

    static List<Value> one(Value v) {
        return List.of(v);
    }

    /**
     * An Identity of an initializer is a param of its own under the Identity's output name:
     * exporters merge equal initializers (a fresh BatchNorm's weight and running variance)
     * into one, read through Identity nodes.
     */
    private static List<Value> identity(NodeImport n) {
        if (n.in(0) instanceof Folded f && f.initializer() != null) {
            return one(new Folded(f.dims(), f.data(), f.integer(), n.node.getOutput(0)));
        }
        return one(n.in(0));
    }

    /** Identity in inference; the training mode (opset 12's third input) drops at random. */
    private static List<Value> dropout(NodeImport n) {
        if (n.in(2) != null && n.folded(2).data()[0] != 0) {
            throw n.error("training_mode is true: random dropout cannot be imported");
        }
        return one(n.in(0));
    }

    private static List<Value> unary(NodeImport n, String function) {
        if (n.in(0) instanceof Folded f) {
            return one(ShapeFolding.map(f, function));
        }
        Traced x = n.traced(0);
        return one(n.line(function + "(" + x.name() + ")", x.shape()));
    }

    private static List<Value> binary(NodeImport n, String operator) {
        if (n.in(0) instanceof Folded a && n.in(1) instanceof Folded b) {
            return one(ShapeFolding.arithmetic(n, a, b, operator));
        }
        Traced known = n.in(0) instanceof Traced t ? t : n.traced(1);
        List<Integer> left = perSample(n, n.in(0), known);
        List<Integer> right = perSample(n, n.in(1), known);
        Shape result = Shape.broadcast(new Shape(left), new Shape(right));
        if (result == null) {
            throw n.error("shapes " + left + " and " + right + " do not broadcast");
        }
        return one(n.line(n.operand(n.in(0), left) + " " + operator + " "
                + n.operand(n.in(1), right), result.dims()));
    }

    /**
     * The per-sample shape of {@code v} beside the per-sample value {@code other}: a constant
     * of the batched rank has a leading 1 for the batch, which is dropped.
     */
    static List<Integer> perSample(NodeImport n, Value v, Traced other) {
        if (v instanceof Traced t) {
            return t.shape();
        }
        List<Integer> dims = NodeImport.dims(((Folded) v).dims());
        if (dims.size() > other.rank() && dims.get(0) != 1) {
            throw n.error("a constant of shape " + dims + " differs along the batch");
        }
        while (!dims.isEmpty() && dims.get(0) == 1 && dims.size() > other.rank()) {
            dims = dims.subList(1, dims.size());
        }
        if (dims.size() > Shape.MAX_RANK) {
            throw n.error("a constant of shape " + dims + " (at most " + Shape.MAX_RANK
                    + " dimensions per sample)");
        }
        return dims;
    }

    private static List<Value> pow(NodeImport n) {
        Traced x = n.traced(0);
        Folded p = n.folded(1);
        if (p.data().length != 1) {
            throw n.error("the exponent must be one number, got shape "
                    + NodeImport.dims(p.dims()));
        }
        return one(n.line(x.name() + " ** " + NodeImport.number(p.data()[0]), x.shape()));
    }

    private static List<Value> matMul(NodeImport n) {
        Traced a = n.traced(0);
        Folded b = n.folded(1);
        if (b.rank() != 2 || a.rank() < 1 || a.shape().get(a.rank() - 1) != b.dims()[0]) {
            throw n.error("expected a per-sample [..., k] times a constant [k, m], got "
                    + a.shape() + " and " + NodeImport.dims(b.dims()));
        }
        List<Integer> shape = new ArrayList<>(a.shape());
        shape.set(shape.size() - 1, (int) b.dims()[1]);
        return one(n.line(a.name() + " @ " + n.operand(b, NodeImport.dims(b.dims())), shape));
    }

    /** {@code alpha * (A @ B') + beta * C} with A per sample (transA 0) and B constant. */
    private static List<Value> gemm(NodeImport n) {
        Traced a = n.traced(0);
        Folded b = n.folded(1);
        if (n.integer("transA", 0) != 0) {
            throw n.error("transA 1 would put the batch on the inner dimension (expected 0)");
        }
        boolean transB = n.integer("transB", 0) != 0;
        List<Integer> bShape = NodeImport.dims(b.dims());
        int k = transB ? bShape.get(1) : bShape.get(0);
        if (a.rank() != 1 || a.shape().get(0) != k) {
            throw n.error("A has per-sample shape " + a.shape() + ", B " + bShape
                    + (transB ? " (transposed)" : "") + ": expected [" + k + "]");
        }
        String weight = n.operand(b, bShape);
        String product = transB ? weight + " @ " + a.name() : a.name() + " @ " + weight;
        double alpha = n.real("alpha", 1);
        String expression = alpha == 1 ? product
                : NodeImport.number(alpha) + " * (" + product + ")";
        List<Integer> shape = List.of(transB ? bShape.get(0) : bShape.get(1));
        if (n.in(2) != null) {
            double beta = n.real("beta", 1);
            String c = n.operand(n.in(2), perSample(n, n.in(2), new Traced("y", shape)));
            expression += " + " + (beta == 1 ? c : NodeImport.number(beta) + " * " + c);
        }
        return one(n.line(expression, shape));
    }

    /**
     * Before opset 13 the input is flattened to 2-D at {@code axis} (default 1): with the batch
     * first and axis 1 that is the whole sample. From 13 it is one axis (default -1).
     */
    private static List<Value> softmax(NodeImport n, String function) {
        Traced x = n.traced(0);
        long axis = n.integer("axis", n.opset >= 13 ? -1 : 1);
        boolean whole = n.opset < 13 ? axis == 1 : x.rank() == 1 && (axis == 1 || axis == -1);
        if (!whole || x.rank() != 1) {
            throw n.error("expected a vector per sample and the axis after the batch, got shape "
                    + x.shape() + " and axis " + axis);
        }
        return one(n.line(function + "(" + x.name() + ")", x.shape()));
    }

    private static List<Value> flatten(NodeImport n) {
        Traced x = n.traced(0);
        if (n.integer("axis", 1) != 1) {
            throw n.error("only axis 1 (keep the batch first) can be imported");
        }
        return reshaped(n, x, List.of(x.shape().stream().reduce(1, (p, d) -> p * d)));
    }

    private static List<Value> reshape(NodeImport n) {
        Traced x = n.traced(0);
        List<Integer> target = ShapeFolding.perSampleTarget(n, x, n.folded(1).longs());
        return reshaped(n, x, target);
    }

    /** A per-sample reshape: none when the shape stays, flatten to a vector, else reshape. */
    private static List<Value> reshaped(NodeImport n, Traced x, List<Integer> shape) {
        if (shape.equals(x.shape()) || shape.size() == 1 && x.rank() == 0 && shape.get(0) == 1) {
            return one(x);
        }
        int size = x.shape().stream().reduce(1, (p, d) -> p * d);
        if (shape.stream().reduce(1, (p, d) -> p * d) != size) {
            throw n.error("cannot reshape " + x.shape() + " (" + size + " values) to " + shape);
        }
        if (shape.size() > Shape.MAX_RANK) {
            throw n.error("a per-sample shape " + shape + " of rank above " + Shape.MAX_RANK);
        }
        if (shape.size() == 1) {
            return one(n.line("flatten(" + x.name() + ")", shape));
        }
        if (shape.isEmpty()) {
            throw n.error("a reshape of " + x.shape() + " to a per-sample scalar is not supported");
        }
        return one(n.line("reshape(" + x.name() + ", " + shape + ")", shape));
    }

    private static List<Value> transpose(NodeImport n) {
        Traced x = n.traced(0);
        long[] perm = n.integers("perm");
        if (perm == null) {
            throw n.error("a Transpose without perm reverses the batch axis too");
        }
        if (perm.length != x.rank() + 1 || perm[0] != 0) {
            throw n.error("perm " + java.util.Arrays.toString(perm) + " must keep the batch first");
        }
        boolean identity = true;
        for (int k = 0; k < perm.length; k++) {
            identity &= perm[k] == k;
        }
        if (identity) {
            return one(x);
        }
        List<Integer> shape = List.of(x.shape().get(1), x.shape().get(0));
        return one(n.line("transpose(" + x.name() + ")", shape));
    }

    /** Sum or mean over every per-sample axis (the only reduction the graph IR has). */
    private static List<Value> reduce(NodeImport n, String function, boolean axesInput) {
        Traced x = n.traced(0);
        long[] axes = axesInput ? (n.in(1) == null ? null : n.folded(1).longs())
                : n.integers("axes");
        if (axes == null || axes.length == 0) {
            throw n.error("without axes it reduces over the batch too");
        }
        int[] perSample = n.perSampleAxes(axes, x.rank());
        java.util.Arrays.sort(perSample);
        for (int k = 0; k < x.rank(); k++) {
            if (perSample.length != x.rank() || perSample[k] != k) {
                throw n.error("axes " + java.util.Arrays.toString(axes) + ": only a reduction"
                        + " over every axis after the batch is supported");
            }
        }
        return one(n.line(function + "(" + x.name() + ")", List.of()));
    }

    /**
     * Inference form: {@code scale * (x - mean) / sqrt(var + eps) + B}, with scale and B params
     * and the running statistics constants; on an image [C, H, W] they are [C, 1, 1] so that
     * they broadcast per channel.
     */
    private static List<Value> batchNorm(NodeImport n) {
        Traced x = n.traced(0);
        if (x.rank() != 1 && x.rank() != 3) {
            throw n.error("expected a vector or an image [C, H, W] per sample, got " + x.shape());
        }
        if (n.node.getOutputCount() > 1 && !n.node.getOutput(1).isEmpty()) {
            throw n.error("the training form (running statistics as outputs) cannot be imported");
        }
        List<Integer> c = x.rank() == 1 ? x.shape() : List.of(x.shape().get(0), 1, 1);
        String scale = n.draft.param(n.folded(1), c).name();
        String bias = n.draft.param(n.folded(2), c).name();
        String mean = n.draft.constant(n.folded(3), c).name();
        String variance = n.draft.constant(n.folded(4), c).name();
        double epsilon = n.real("epsilon", 1e-5);
        return one(n.line(scale + " * (" + x.name() + " - " + mean + ") / sqrt(" + variance
                + " + " + NodeImport.number((float) epsilon) + ") + " + bias, x.shape()));
    }
}
