package dev.chainrule.onnx;

import dev.chainrule.onnx.proto.Onnx.AttributeProto;
import dev.chainrule.onnx.proto.Onnx.GraphProto;
import dev.chainrule.onnx.proto.Onnx.ModelProto;
import dev.chainrule.onnx.proto.Onnx.NodeProto;
import dev.chainrule.onnx.proto.Onnx.OperatorSetIdProto;
import dev.chainrule.onnx.proto.Onnx.TensorProto.DataType;
import dev.chainrule.onnx.proto.Onnx.TensorShapeProto;
import dev.chainrule.onnx.proto.Onnx.TypeProto;
import dev.chainrule.onnx.proto.Onnx.ValueInfoProto;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small ONNX models built by hand, for the cases no exporter makes on purpose. */
final class Models {

    private Models() {}

    /** A graph with one input {@code x} of shape [N, size] and element type {@code type}. */
    static GraphProto.Builder graph(DataType type, int size) {
        return graph(type, new int[] {size});
    }

    /** A graph with one input {@code x} of shape [N, perSample...]. */
    static GraphProto.Builder graph(DataType type, int[] perSample) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        shape.addDimBuilder().setDimParam("N");
        for (int d : perSample) {
            shape.addDimBuilder().setDimValue(d);
        }
        return GraphProto.newBuilder().setName("g").addInput(ValueInfoProto.newBuilder()
                .setName("x").setType(TypeProto.newBuilder().setTensorType(
                        TypeProto.Tensor.newBuilder().setElemType(type.getNumber())
                                .setShape(shape))));
    }

    static NodeProto node(String op, String name, String output, String... inputs) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(name).addOutput(output);
        for (String in : inputs) {
            n.addInput(in);
        }
        return n.build();
    }

    static NodeProto withInt(NodeProto node, String attribute, long value) {
        return node.toBuilder().addAttribute(AttributeProto.newBuilder().setName(attribute)
                .setType(AttributeProto.AttributeType.INT).setI(value)).build();
    }

    static ModelProto model(GraphProto.Builder graph, String output, int opset) {
        graph.addOutput(ValueInfoProto.newBuilder().setName(output));
        return ModelProto.newBuilder().setIrVersion(8).setGraph(graph)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(opset)).build();
    }

    static Path write(Path directory, String name, byte[] bytes) {
        try {
            Path file = directory.resolve(name);
            Files.write(file, bytes);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
