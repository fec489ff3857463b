package dev.chainrule.graph;

import dev.chainrule.graph.op.AvgPool2d;
import dev.chainrule.graph.op.Binary;
import dev.chainrule.graph.op.Conv2d;
import dev.chainrule.graph.op.MaxPool2d;
import dev.chainrule.graph.op.Reshape;
import dev.chainrule.graph.op.Window;
import dev.chainrule.graph.op.Constant;
import dev.chainrule.graph.op.Leaf;
import dev.chainrule.graph.op.LogSoftmax;
import dev.chainrule.graph.op.MatMul;
import dev.chainrule.graph.op.Mean;
import dev.chainrule.graph.op.MeanSquaredError;
import dev.chainrule.graph.op.Op;
import dev.chainrule.graph.op.Power;
import dev.chainrule.graph.op.ShapeError;
import dev.chainrule.graph.op.Softmax;
import dev.chainrule.graph.op.SoftmaxCrossEntropy;
import dev.chainrule.graph.op.SquaredError;
import dev.chainrule.graph.op.Sum;
import dev.chainrule.graph.op.Transpose;
import dev.chainrule.graph.op.Unary;
import dev.chainrule.description.Precision;
import dev.chainrule.description.SpecException;
import dev.chainrule.description.graph.Expression;
import dev.chainrule.description.graph.GraphSpec;
import dev.chainrule.description.graph.SourceLocation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the graph IR of a validated graph description: one leaf per input, target and param,
 * then each {@code graph:} entry's expression as ops, checking every shape. A shape that does
 * not fit is reported at the operator or call inside the expression, naming both shapes.
 */
public final class SpecToGraph {

    private final GraphBuilder b = new GraphBuilder();
    /** IR name (a param's ONNX name, else its description name) → node. */
    private final Map<String, Integer> values = new LinkedHashMap<>();
    /** Description name → node, for the expressions. */
    private final Map<String, Integer> scope = new HashMap<>();

    private SpecToGraph() {}

    /** @throws SpecException located at the expression part whose shapes do not fit */
    public static Graph build(GraphSpec spec, List<String> header) {
        return new SpecToGraph().graph(spec, header);
    }

    private Graph graph(GraphSpec spec, List<String> header) {
        List<String> names = new ArrayList<>();
        Map<String, String> initializers = new LinkedHashMap<>();
        Map<String, double[]> initialValues = new HashMap<>();
        for (GraphSpec.Leaf in : spec.inputs()) {
            leaf(Role.INPUT, in.name(), in.shape(), names);
        }
        for (GraphSpec.Leaf t : spec.targets()) {
            leaf(Role.TARGET, t.name(), t.shape(), names);
        }
        for (GraphSpec.Param p : spec.params()) {
            // an imported param keeps its ONNX name, so weights files and checkpoints use it
            String name = p.runtimeName();
            leaf(Role.PARAM, name, p.shape(), names);
            scope.put(p.name(), values.get(name));
            if (p.init() instanceof GraphSpec.ParamInit.Literal l) {
                initialValues.put(name, l.values().clone());
            } else if (p.init() instanceof GraphSpec.ParamInit.Scheme s) {
                initializers.put(name, s.spelling());
            }
        }
        for (GraphSpec.Constant c : spec.constants()) {
            b.label(c.name());
            scope.put(c.name(), b.add(new Constant(new Tensor(new Shape(c.shape()),
                    c.values().values().clone()))));
        }
        for (GraphSpec.Node node : spec.nodes()) {
            b.label(node.name());
            int id = expression(node.expression());
            values.put(node.name(), id);
            scope.put(node.name(), id);
            names.add(node.name());
        }
        int loss = scope.get(spec.loss().name());
        if (!b.shape(loss).isScalar()) {
            SourceLocation at = spec.loss().location();
            throw SpecException.at(at.file(), at.line(), at.column(), at.path(),
                    "the loss must be a scalar, but '" + spec.loss().name() + "' has shape "
                            + b.shape(loss));
        }
        GraphInfo info = new GraphInfo(spec.name(), spec.packageName(),
                spec.precision() == Precision.DOUBLE, spec.output().name(), spec.loss().name(),
                names, initializers, initialValues, header,
                classifier(spec, loss, values.get(spec.output().name())),
                spec.training().toJson());
        return new Graph(b.nodes(), values, Map.of(), Map.of(), Map.of(), info);
    }

    /**
     * A classifier, as a layer network with softmax cross-entropy is one: the loss is
     * {@code softmax_cross_entropy(z, t)} against the one target, a vector as wide as the
     * output. Its rows may then give a class index for t, and training reports accuracy.
     */
    private boolean classifier(GraphSpec spec, int loss, int output) {
        Node n = b.node(loss);
        if (!(n.op() instanceof SoftmaxCrossEntropy) || spec.targets().size() != 1) {
            return false;
        }
        Node t = b.node(n.input(1));
        return t.op() instanceof Leaf leaf && leaf.role() == Role.TARGET
                && t.shape().isVector() && t.shape().equals(b.shape(output));
    }

    private void leaf(Role role, String name, List<Integer> shape, List<String> names) {
        b.label(name);
        int id = b.add(new Leaf(role, name, new Shape(shape)));
        values.put(name, id);
        scope.put(name, id);
        names.add(name);
    }

    private int expression(Expression e) {
        if (e instanceof Expression.Number n) {
            return b.add(new Constant(Tensor.scalar(n.value())));
        } else if (e instanceof Expression.Name n) {
            return scope.get(n.name());
        } else if (e instanceof Expression.Negate n) {
            return apply(n.location(), new Unary(Unary.Kind.NEG), expression(n.operand()));
        } else if (e instanceof Expression.Power p) {
            return apply(p.location(), new Power(p.exponent()), expression(p.base()));
        } else if (e instanceof Expression.Binary op) {
            return apply(op.location(), binary(op.operator()), expression(op.left()),
                    expression(op.right()));
        } else if (e instanceof Expression.Call c) {
            if (CallArguments.takesSizes(c.function())) {
                return windowed(c);
            }
            int[] args = c.arguments().stream().mapToInt(this::expression).toArray();
            return apply(c.location(), function(c.function()), args);
        } else if (e instanceof Expression.Sizes list) {
            throw CallArguments.error(list.location(), "a list such as [2, 3] may only be a"
                    + " size argument (kernel, stride, padding, dilation or a reshape's shape)");
        }
        throw new IllegalArgumentException("unknown expression " + e);
    }

    /** conv2d, the pools, flatten and reshape: their sizes are read from the call itself. */
    private int windowed(Expression.Call c) {
        int x = expression(c.arguments().get(0));
        CallArguments args = new CallArguments(c);
        return switch (c.function()) {
            case CONV2D -> {
                int[] inputs = new int[c.arguments().size()];
                inputs[0] = x;
                for (int k = 1; k < inputs.length; k++) {
                    inputs[k] = expression(c.arguments().get(k));
                }
                Shape w = b.shape(inputs[1]);
                if (w.rank() != 4) {
                    throw CallArguments.error(c.arguments().get(1).location(), "conv2d needs"
                            + " filters [K, C, kh, kw], got rank " + w.rank() + " " + w);
                }
                yield apply(c.location(), new Conv2d(args.window(w.dim(2), w.dim(3), true)),
                        inputs);
            }
            case MAX_POOL2D, AVG_POOL2D -> {
                int[] kernel = args.pair(c.arguments().get(1), "kernel", 1);
                Window win = args.pool(kernel);
                yield apply(c.location(), c.function() == Expression.Function.MAX_POOL2D
                        ? new MaxPool2d(win) : new AvgPool2d(win), x);
            }
            case FLATTEN -> apply(c.location(), new Reshape(Shape.of(b.shape(x).size())), x);
            case RESHAPE -> apply(c.location(), new Reshape(args.shape(c.arguments().get(1))), x);
            default -> throw new IllegalArgumentException(c.function() + " takes no sizes");
        };
    }

    private int apply(SourceLocation at, Op op, int... inputs) {
        try {
            return b.add(op, inputs);
        } catch (ShapeError e) {
            throw SpecException.at(at.file(), at.line(), at.column(), at.path(), e.getMessage());
        }
    }

    private static Op binary(Expression.Operator operator) {
        return switch (operator) {
            case ADD -> new Binary(Binary.Kind.ADD);
            case SUB -> new Binary(Binary.Kind.SUB);
            case MUL -> new Binary(Binary.Kind.MUL);
            case DIV -> new Binary(Binary.Kind.DIV);
            case MATMUL -> new MatMul();
        };
    }

    private static Op function(Expression.Function f) {
        return switch (f) {
            case EXP -> new Unary(Unary.Kind.EXP);
            case LOG -> new Unary(Unary.Kind.LOG);
            case SQRT -> new Unary(Unary.Kind.SQRT);
            case ABS -> new Unary(Unary.Kind.ABS);
            case TANH -> new Unary(Unary.Kind.TANH);
            case SIGMOID -> new Unary(Unary.Kind.SIGMOID);
            case RELU -> new Unary(Unary.Kind.RELU);
            case SOFTMAX -> new Softmax();
            case LOG_SOFTMAX -> new LogSoftmax();
            case SUM -> new Sum();
            case MEAN -> new Mean();
            case TRANSPOSE -> new Transpose();
            case SQUARED_ERROR -> new SquaredError();
            case MSE -> new MeanSquaredError();
            case SOFTMAX_CROSS_ENTROPY -> new SoftmaxCrossEntropy();
            case CONV2D, MAX_POOL2D, AVG_POOL2D, FLATTEN, RESHAPE ->
                    throw new IllegalArgumentException(f + " is built by windowed()");
        };
    }
}
