package dev.chainrule.onnx;

import static dev.chainrule.onnx.OnnxProtos.dims;
import static dev.chainrule.onnx.OnnxProtos.integer;
import static dev.chainrule.onnx.OnnxProtos.ints;
import static dev.chainrule.onnx.OnnxProtos.valueInfo;

import dev.chainrule.graph.Graph;
import dev.chainrule.graph.Node;
import dev.chainrule.graph.Role;
import dev.chainrule.graph.Shape;
import dev.chainrule.graph.op.AvgPool2d;
import dev.chainrule.graph.op.AvgPool2dTranspose;
import dev.chainrule.graph.op.Binary;
import dev.chainrule.graph.op.BroadcastTo;
import dev.chainrule.graph.op.Constant;
import dev.chainrule.graph.op.Conv2d;
import dev.chainrule.graph.op.Conv2dInputGrad;
import dev.chainrule.graph.op.Conv2dWeightGrad;
import dev.chainrule.graph.op.Leaf;
import dev.chainrule.graph.op.LogSoftmax;
import dev.chainrule.graph.op.MatMul;
import dev.chainrule.graph.op.MaxPool2d;
import dev.chainrule.graph.op.MaxPool2dGather;
import dev.chainrule.graph.op.MaxPool2dScatter;
import dev.chainrule.graph.op.Mean;
import dev.chainrule.graph.op.MeanSquaredError;
import dev.chainrule.graph.op.Op;
import dev.chainrule.graph.op.Outer;
import dev.chainrule.graph.op.Power;
import dev.chainrule.graph.op.Reshape;
import dev.chainrule.graph.op.Softmax;
import dev.chainrule.graph.op.SoftmaxCrossEntropy;
import dev.chainrule.graph.op.SquaredError;
import dev.chainrule.graph.op.Sum;
import dev.chainrule.graph.op.SumTo;
import dev.chainrule.graph.op.Transpose;
import dev.chainrule.graph.op.Unary;
import dev.chainrule.graph.op.Window;
import dev.chainrule.onnx.proto.Onnx.GraphProto;
import dev.chainrule.onnx.proto.Onnx.ModelProto;
import dev.chainrule.onnx.proto.Onnx.NodeProto;
import dev.chainrule.onnx.proto.Onnx.OperatorSetIdProto;
import dev.chainrule.description.SpecException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A description's forward graph (inputs → output) as an ONNX model: the graph IR's nodes that
 * the output needs, each as standard-domain operators, the params as initializers, the batch as
 * the symbolic first dimension {@code N} of every input and of the output.
 *
 * <pre>{@code
 * Graph forward = Chainrule.compile(spec).forward();
 * byte[] onnx = OnnxExport.model(forward, net::getParameter, 17).toByteArray();
 * }</pre>
 */
public final class OnnxExport {

    /** How one op kind is written: the ONNX nodes computing {@code y} from n's inputs. */
    @FunctionalInterface
    interface Form {
        void write(OnnxExport export, Node n, String y);
    }

    /**
     * Every op kind that can lie between the inputs and the output, with its ONNX form (leaves
     * are inputs or initializers). {@code OnnxExportFormsTest} checks that each op kind is here
     * or in {@link #NO_FORM}: Java 17 has no pattern switch over the sealed {@link Op}, and a
     * compiler-checked form would need an ONNX method on every op record in {@code graph.op}.
     */
    static final Map<Class<? extends Op>, Form> FORMS = Map.ofEntries(
            Map.entry(Constant.class, OnnxExport::constant),
            Map.entry(Unary.class, OnnxExport::unary),
            Map.entry(Binary.class, OnnxExport::binary),
            Map.entry(Power.class, OnnxExport::power),
            Map.entry(MatMul.class, OnnxExport::matMul),
            Map.entry(Softmax.class, OnnxExport::softmax),
            Map.entry(LogSoftmax.class, OnnxExport::softmax),
            Map.entry(Sum.class, OnnxExport::reduce),
            Map.entry(Mean.class, OnnxExport::reduce),
            Map.entry(Transpose.class, OnnxExport::transpose),
            Map.entry(Reshape.class, OnnxExport::reshape),
            Map.entry(Conv2d.class, OnnxExport::conv),
            Map.entry(MaxPool2d.class, OnnxExport::maxPool),
            Map.entry(AvgPool2d.class, OnnxExport::avgPool));

    /** The op kinds without an ONNX form, and why. */
    static final Map<Class<? extends Op>, String> NO_FORM = Map.ofEntries(
            Map.entry(Leaf.class, "a leaf is an input or an initializer, not a node"),
            Map.entry(Outer.class, "only derivatives hold outer products"),
            Map.entry(SumTo.class, "only derivatives sum to a shape"),
            Map.entry(BroadcastTo.class, "only derivatives broadcast to a shape"),
            Map.entry(SquaredError.class, "a loss is not part of the forward graph"),
            Map.entry(MeanSquaredError.class, "a loss is not part of the forward graph"),
            Map.entry(SoftmaxCrossEntropy.class, "a loss is not part of the forward graph"),
            Map.entry(Conv2dInputGrad.class, "a derivative of conv2d"),
            Map.entry(Conv2dWeightGrad.class, "a derivative of conv2d"),
            Map.entry(MaxPool2dGather.class, "a derivative of max_pool2d"),
            Map.entry(MaxPool2dScatter.class, "a derivative of max_pool2d"),
            Map.entry(AvgPool2dTranspose.class, "a derivative of avg_pool2d"));

    public static final int MIN_OPSET = 13;
    public static final int MAX_OPSET = 17;

    private final Graph graph;
    private final boolean doublePrecision;
    private final GraphProto.Builder out = GraphProto.newBuilder();
    /** Which nodes have a batch dimension (they depend on an input). */
    private final boolean[] batched;
    private final String[] names;
    private final Set<String> taken = new HashSet<>();

    private OnnxExport(Graph graph) {
        this.graph = graph;
        this.doublePrecision = graph.info().doublePrecision();
        this.batched = new boolean[graph.nodes().size()];
        this.names = new String[graph.nodes().size()];
    }

    /**
     * @param params each param's values, row-major, by its name
     * @throws SpecException when the output needs an op that has no ONNX form here
     */
    public static ModelProto model(Graph forward, Function<String, double[]> params, int opset) {
        OnnxExport e = new OnnxExport(forward);
        int output = forward.value(forward.info().output());
        boolean[] needed = new boolean[forward.nodes().size()];
        needed[output] = true;
        for (int id = output; id >= 0; id--) {
            if (needed[id]) {
                forward.node(id).inputs().forEach(in -> needed[in] = true);
            }
        }
        for (Node n : forward.nodes()) {
            if (needed[n.id()]) {
                e.node(n, params, n.id() == output ? forward.info().output() : null);
            }
        }
        e.out.setName(forward.info().className()).addOutput(valueInfo(e.doublePrecision,
                e.names[output], forward.shape(output), e.batched[output]));
        return ModelProto.newBuilder().setIrVersion(8).setProducerName("chainrule")
                .setProducerVersion(dev.chainrule.Chainrule.version())
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset))
                .setGraph(e.out).build();
    }

    private void node(Node n, Function<String, double[]> params, String outputName) {
        for (int in : n.inputs()) {
            batched[n.id()] |= batched[in];
        }
        if (n.op() instanceof Leaf leaf) {
            names[n.id()] = fresh(leaf.name());
            if (leaf.role() == Role.PARAM) {
                out.addInitializer(OnnxTensors.write(names[n.id()], dims(n.shape(), false),
                        params.apply(leaf.name()), doublePrecision));
            } else {
                batched[n.id()] = true;
                out.addInput(valueInfo(doublePrecision, names[n.id()], n.shape(), true));
            }
            return;
        }
        names[n.id()] = fresh(outputName != null ? outputName
                : n.label() != null ? n.label() : "v" + n.id());
        Form form = FORMS.get(n.op().getClass());
        if (form == null) {
            throw SpecException.inFile(graph.info().className(), "cannot export "
                    + n.op().mnemonic() + " (" + n.label() + ") to ONNX: "
                    + NO_FORM.get(n.op().getClass()));
        }
        form.write(this, n, names[n.id()]);
    }

    private void constant(Node n, String y) {
        out.addInitializer(OnnxTensors.write(y, dims(n.shape(), false),
                ((Constant) n.op()).value().data(), doublePrecision));
    }

    private void power(Node n, String y) {
        String exponent = fresh(y + "_exponent");
        out.addInitializer(OnnxTensors.write(exponent, new long[0],
                new double[] {((Power) n.op()).exponent()}, doublePrecision));
        add("Pow", y, name(n, 0), exponent);
    }

    private void transpose(Node n, String y) {
        add("Transpose", y, name(n, 0)).addAttribute(batched[n.id()]
                ? ints("perm", 0, 2, 1) : ints("perm", 1, 0));
    }

    /** conv2d's filters and bias are the Conv's W and B as they are: [K, C, kh, kw] and [K]. */
    private void conv(Node n, String y) {
        String[] inputs = new String[n.inputs().size()];
        for (int k = 0; k < inputs.length; k++) {
            inputs[k] = name(n, k);
        }
        Window w = ((Conv2d) n.op()).window();
        window(n, add("Conv", y, inputs), w).addAttribute(ints("dilations", w.dh(), w.dw()));
    }

    /** The graph form's max pool pads with −∞, as MaxPool does; dilation is 1. */
    private void maxPool(Node n, String y) {
        window(n, add("MaxPool", y, name(n, 0)), ((MaxPool2d) n.op()).window());
    }

    /** avg_pool2d divides by kh·kw, padded zeros included: count_include_pad 1. */
    private void avgPool(Node n, String y) {
        window(n, add("AveragePool", y, name(n, 0)), ((AvgPool2d) n.op()).window())
                .addAttribute(integer("count_include_pad", 1));
    }

    private NodeProto.Builder window(Node n, NodeProto.Builder node, Window w) {
        if (!batched[n.input(0)]) {
            throw SpecException.inFile(graph.info().className(), "cannot export "
                    + n.op().mnemonic() + " (" + n.label() + ") of a value that is not per"
                    + " sample to ONNX");
        }
        return node.addAttribute(ints("kernel_shape", w.kh(), w.kw()))
                .addAttribute(ints("strides", w.sh(), w.sw()))
                .addAttribute(ints("pads", w.ph(), w.pw(), w.ph(), w.pw()));
    }

    /**
     * A per-sample reshape keeps the batch first: to a vector it is Flatten (axis 1), else a
     * Reshape whose target starts with 0 (the input's batch, as it is).
     */
    private void reshape(Node n, String y) {
        Shape target = ((Reshape) n.op()).target();
        if (batched[n.id()] && target.rank() == 1) {
            add("Flatten", y, name(n, 0)).addAttribute(integer("axis", 1));
            return;
        }
        long[] dims = dims(target, batched[n.id()]); // dims[0] stays 0: the batch
        String shape = fresh(y + "_shape");
        out.addInitializer(OnnxTensors.ints(shape, dims));
        add("Reshape", y, name(n, 0), shape);
    }

    /** Matrix-vector, vector-matrix, matrix-matrix; a per-sample vector is a row of the batch. */
    private void matMul(Node n, String y) {
        Shape a = graph.shape(n.input(0));
        Shape b = graph.shape(n.input(1));
        boolean aBatched = batched[n.input(0)];
        boolean bBatched = batched[n.input(1)];
        if (a.isMatrix() && b.isVector() && bBatched && !aBatched) {
            add("Gemm", y, name(n, 1), name(n, 0)).addAttribute(integer("transB", 1));
        } else if (a.isVector() && b.isVector()) {
            String product = fresh(y + "_product");
            add("Mul", product, name(n, 0), name(n, 1));
            String axes = fresh(y + "_axes");
            out.addInitializer(OnnxTensors.ints(axes, batched[n.id()] ? 1 : 0));
            add("ReduceSum", y, product, axes).addAttribute(integer("keepdims", 0));
        } else if (!(a.isMatrix() && b.isVector()) && !(aBatched && bBatched)) {
            add("MatMul", y, name(n, 0), name(n, 1));
        } else {
            throw SpecException.inFile(graph.info().className(), "cannot export "
                    + a + " @ " + b + " with both sides per sample (" + n.label() + ") to ONNX");
        }
    }

    /** Over every per-sample axis, to one number per sample. */
    private void reduce(Node n, String y) {
        String op = n.op() instanceof Sum ? "ReduceSum" : "ReduceMean";
        Shape x = graph.shape(n.input(0));
        int first = batched[n.input(0)] ? 1 : 0;
        long[] axes = new long[x.rank()];
        for (int k = 0; k < axes.length; k++) {
            axes[k] = first + k;
        }
        if (axes.length == 0) {
            add("Identity", y, name(n, 0));
            return;
        }
        NodeProto.Builder node;
        if (op.equals("ReduceSum")) {
            String axesName = fresh(y + "_axes");
            out.addInitializer(OnnxTensors.ints(axesName, axes));
            node = add(op, y, name(n, 0), axesName);
        } else {
            node = add(op, y, name(n, 0)).addAttribute(ints("axes", axes));
        }
        node.addAttribute(integer("keepdims", 0));
    }

    private void unary(Node n, String y) {
        add(switch (((Unary) n.op()).kind()) {
            case NEG -> "Neg";
            case EXP -> "Exp";
            case LOG -> "Log";
            case SQRT -> "Sqrt";
            case ABS -> "Abs";
            case TANH -> "Tanh";
            case SIGMOID -> "Sigmoid";
            case RELU -> "Relu";
            case SIGN -> "Sign";
            // relu's derivative: only in differentiated graphs, never on the way to the output
            case STEP -> throw new IllegalArgumentException("step has no ONNX form");
        }, y, name(n, 0));
    }

    private void binary(Node n, String y) {
        add(switch (((Binary) n.op()).kind()) {
            case ADD -> "Add";
            case SUB -> "Sub";
            case MUL -> "Mul";
            case DIV -> "Div";
        }, y, aligned(n, 0), aligned(n, 1));
    }

    private void softmax(Node n, String y) {
        add(n.op() instanceof Softmax ? "Softmax" : "LogSoftmax", y, name(n, 0))
                .addAttribute(integer("axis", -1));
    }

    private NodeProto.Builder add(String op, String y, String... inputs) {
        NodeProto.Builder node = out.addNodeBuilder().setOpType(op).setName(y + "_" + op)
                .addOutput(y);
        for (String in : inputs) {
            node.addInput(in);
        }
        return node;
    }

    /**
     * Input {@code k} of an elementwise op, with 1s after the batch when it has fewer
     * per-sample dimensions than the result: per sample, numpy aligns the trailing dimensions,
     * and the batch must not take their place.
     */
    private String aligned(Node n, int k) {
        int missing = n.shape().rank() - graph.shape(n.input(k)).rank();
        if (!batched[n.input(k)] || missing == 0) {
            return name(n, k);
        }
        long[] axes = new long[missing];
        for (int a = 0; a < missing; a++) {
            axes[a] = 1 + a;
        }
        String axesName = fresh(name(n, k) + "_axes");
        out.addInitializer(OnnxTensors.ints(axesName, axes));
        String y = fresh(name(n, k) + "_unsqueezed");
        add("Unsqueeze", y, name(n, k), axesName);
        return y;
    }

    private String name(Node n, int k) {
        return names[n.input(k)];
    }

    private String fresh(String wanted) {
        String name = wanted;
        for (int k = 2; !taken.add(name); k++) {
            name = wanted + "_" + k;
        }
        return name;
    }

    static List<String> operators() {
        return List.of("Gemm", "MatMul", "Add", "Sub", "Mul", "Div", "Neg", "Exp", "Log", "Sqrt",
                "Abs", "Tanh", "Sigmoid", "Relu", "Pow", "Softmax", "LogSoftmax", "ReduceSum",
                "ReduceMean", "Transpose", "Identity", "Unsqueeze", "Conv", "MaxPool",
                "AveragePool", "Flatten", "Reshape");
    }
}
