package dev.chainrule.onnx;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.chainrule.onnx.proto.Onnx.GraphProto;
import dev.chainrule.onnx.proto.Onnx.ModelProto;
import dev.chainrule.onnx.proto.Onnx.NodeProto;
import dev.chainrule.onnx.proto.Onnx.OperatorSetIdProto;
import dev.chainrule.onnx.proto.Onnx.TensorProto;
import dev.chainrule.onnx.proto.Onnx.TensorProto.DataType;
import dev.chainrule.onnx.proto.Onnx.TensorShapeProto;
import dev.chainrule.onnx.proto.Onnx.ValueInfoProto;
import dev.chainrule.runtime.WeightsJson;
import dev.chainrule.description.Description;
import dev.chainrule.description.Descriptions;
import dev.chainrule.description.SpecException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The third front end: an ONNX model becomes a graph description (YAML a person can read and
 * edit) and its weights, keyed by the initializers' ONNX names. Every command reads a
 * {@code .onnx} file through {@link #description}: the same description text, parsed and
 * validated like a written one.
 *
 * <pre>{@code
 * OnnxImport.Result r = OnnxImport.read(Path.of("mlp.onnx"), null, "softmax_cross_entropy");
 * Files.writeString(dir.resolve(r.name() + ".yaml"), r.yaml(r.name() + ".weights.json"));
 * }</pre>
 */
public final class OnnxImport {

    /** The losses {@code --loss} takes. */
    public static final List<String> LOSSES = List.of("softmax_cross_entropy", "mse",
            "squared_error");

    /**
     * An imported model.
     *
     * @param name the description's (class) name
     * @param draft its inputs, params, constants and lines
     */
    public record Result(String name, String header, boolean doublePrecision, GraphDraft draft) {

        /** The description, starting from the weights file {@code weightsFile} (or none). */
        public String yaml(String weightsFile) {
            return DescriptionText.yaml(this, weightsFile);
        }

        /** Every param and constant, keyed by its ONNX name, as a weights JSON file. */
        public String weightsJson() {
            return DescriptionText.weightsJson(draft);
        }
    }

    private OnnxImport() {}

    /**
     * Reads {@code file} as the description every command takes: its initializers are the
     * params' starting values and the constants' values.
     *
     * @param loss one of {@link #LOSSES}, or {@code null} for the default: softmax
     *     cross-entropy on the logits if the model ends in Softmax or LogSoftmax, else mse
     * @throws SpecException for a file that is not a model Chainrule can import
     */
    public static Description description(Path file, String loss) {
        return description(file, file.toString(), loss);
    }

    /** As {@link #description(Path, String)}; messages name the file {@code display}. */
    public static Description description(Path file, String display, String loss) {
        Result r = read(file, display, null, loss);
        return Descriptions.parseGraph(r.yaml(null), display, file.toAbsolutePath().getParent(),
                WeightsJson.read(new StringReader(r.weightsJson()), display));
    }

    /** Imports {@code file}; {@code name} overrides the class name made from its file name. */
    public static Result read(Path file, String name, String loss) {
        return read(file, file.toString(), name, loss);
    }

    private static Result read(Path file, String display, String name, String loss) {
        if (loss != null && !LOSSES.contains(loss)) {
            throw OnnxError.of(display, "--loss: expected one of " + String.join(", ", LOSSES)
                    + ", got '" + loss + "'");
        }
        ModelProto model = parse(file, display);
        GraphProto graph = model.getGraph();
        int opset = opset(model);
        unsupported(graph, opset, display);
        Map<String, Value> values = new HashMap<>();
        for (TensorProto t : graph.getInitializerList()) {
            values.put(t.getName(), OnnxTensors.read(t, file.toAbsolutePath().getParent(), display));
        }
        GraphDraft draft = new GraphDraft();
        Boolean doublePrecision = null;
        long batch = ShapeFolding.BATCH;
        for (ValueInfoProto input : graph.getInputList()) {
            if (values.containsKey(input.getName())) {
                continue;
            }
            boolean isDouble = elementType(input, display) == DataType.DOUBLE;
            if (doublePrecision != null && doublePrecision != isDouble) {
                throw OnnxError.of(display, "inputs mix FLOAT and DOUBLE");
            }
            doublePrecision = isDouble;
            List<TensorShapeProto.Dimension> dims = input.getType().getTensorType().getShape()
                    .getDimList();
            if (dims.isEmpty()) {
                throw OnnxError.of(display, "input '" + input.getName() + "' has no batch"
                        + " dimension (expected the batch first, then the per-sample shape)");
            }
            if (dims.get(0).hasDimValue()) {
                batch = dims.get(0).getDimValue();
            }
            List<Integer> shape = new ArrayList<>();
            for (TensorShapeProto.Dimension d : dims.subList(1, dims.size())) {
                if (!d.hasDimValue()) {
                    throw OnnxError.of(display, "input '" + input.getName() + "' has a symbolic"
                            + " dimension '" + d.getDimParam() + "' after the batch (expected"
                            + " numbers)");
                }
                shape.add((int) d.getDimValue());
            }
            if (shape.size() > dev.chainrule.graph.Shape.MAX_RANK - 1) {
                throw OnnxError.of(display, "input '" + input.getName() + "' has per-sample"
                        + " shape " + shape + " (at most 3 dimensions after the batch)");
            }
            values.put(input.getName(), draft.input(input.getName(), shape));
        }
        if (doublePrecision == null) {
            throw OnnxError.of(display, "the model has no inputs besides its initializers");
        }
        draft.doublePrecision = doublePrecision;
        Path directory = file.toAbsolutePath().getParent();
        for (NodeProto node : graph.getNodeList()) {
            List<Value> inputs = new ArrayList<>();
            for (String in : node.getInputList()) {
                Value v = in.isEmpty() ? null : values.get(in);
                if (v instanceof Padded p && (!inputs.isEmpty()
                        || !Padded.FOLDED_INTO.contains(node.getOpType()))) {
                    throw p.unfoldable(node);
                }
                inputs.add(v);
            }
            NodeImport n = new NodeImport(node, inputs, opset, draft, display, directory, batch);
            List<Value> outputs = OnnxOps.TABLE.get(node.getOpType()).apply(n);
            for (int k = 0; k < outputs.size() && k < node.getOutputCount(); k++) {
                values.put(node.getOutput(k), outputs.get(k));
            }
        }
        String output = graph.getOutput(0).getName();
        if (values.get(output) instanceof Padded p) {
            throw p.unfoldableOutput();
        }
        if (!(values.get(output) instanceof Traced y)) {
            throw OnnxError.of(display, "output '" + output + "' does not depend on the inputs");
        }
        draft.output = y.name();
        draft.loss = LossTail.attach(draft, graph, values, y, loss, display);
        String className = name != null ? name : OnnxNames.className(file.getFileName().toString());
        String header = "Imported from " + file.getFileName() + " (opset " + opset
                + (model.getProducerName().isEmpty() ? "" : ", " + model.getProducerName() + " "
                        + model.getProducerVersion()) + ")";
        return new Result(className, header, doublePrecision, draft);
    }

    private static ModelProto parse(Path file, String display) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw OnnxError.of(display, "no such file");
        } catch (IOException e) {
            throw OnnxError.of(display, "cannot read: " + e.getMessage());
        }
        ModelProto model;
        try {
            model = ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            boolean truncated = String.valueOf(e.getMessage()).contains("ended unexpectedly");
            throw OnnxError.of(display, truncated ? "truncated ONNX file (it ends in the middle"
                    + " of a field)" : "not an ONNX model (" + e.getMessage() + ")");
        }
        if (model.getIrVersion() <= 0 || !model.hasGraph() || model.getGraph().getNodeCount() == 0
                || model.getGraph().getOutputCount() == 0) {
            throw OnnxError.of(display, "not an ONNX model (no IR version or no graph)");
        }
        return model;
    }

    private static int opset(ModelProto model) {
        for (OperatorSetIdProto o : model.getOpsetImportList()) {
            if (o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) {
                return (int) o.getVersion();
            }
        }
        return 1;
    }

    /** One message listing every unsupported operator with a node using it, and the opset. */
    private static void unsupported(GraphProto graph, int opset, String display) {
        Map<String, NodeProto> missing = new LinkedHashMap<>();
        for (NodeProto node : graph.getNodeList()) {
            boolean standard = node.getDomain().isEmpty() || node.getDomain().equals("ai.onnx");
            String op = standard ? node.getOpType() : node.getDomain() + "." + node.getOpType();
            if (!standard || !OnnxOps.TABLE.containsKey(op)) {
                missing.putIfAbsent(op, node);
            }
        }
        if (!missing.isEmpty()) {
            List<String> parts = new ArrayList<>();
            missing.forEach((op, node) -> parts.add(op + " (node " + NodeImport.describe(node)
                    + ")"));
            throw OnnxError.of(display, "unsupported operator" + (parts.size() > 1 ? "s" : "")
                    + " in opset " + opset + ": " + String.join(", ", parts));
        }
    }

    private static DataType elementType(ValueInfoProto input, String display) {
        int type = input.getType().getTensorType().getElemType();
        DataType t = DataType.forNumber(type);
        if (t != DataType.FLOAT && t != DataType.DOUBLE) {
            throw OnnxError.of(display, "input '" + input.getName() + "' has element type "
                    + (t == null ? String.valueOf(type) : t.name()) + " (expected FLOAT or DOUBLE)");
        }
        return t;
    }
}
