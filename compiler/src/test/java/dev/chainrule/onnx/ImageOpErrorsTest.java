package dev.chainrule.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.onnx.proto.Onnx.AttributeProto;
import dev.chainrule.onnx.proto.Onnx.GraphProto;
import dev.chainrule.onnx.proto.Onnx.ModelProto;
import dev.chainrule.onnx.proto.Onnx.NodeProto;
import dev.chainrule.description.SpecException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the image operators refuse, each named at its node in one line: PyTorch's LeNet export
 * ({@code lenet-opset13}) with one attribute of one node changed to what the graph form's
 * conv2d and pools cannot express.
 */
class ImageOpErrorsTest {

    @TempDir
    Path dir;

    @Test
    void asymmetricConvPaddingIsRefused() throws Exception {
        assertEquals("Conv, opset 13): pads [1, 1, 0, 0]: only symmetric padding [h, w, h, w]"
                + " is supported", errorWith("Conv", ints("pads", 1, 1, 0, 0)));
    }

    @Test
    void groupedConvolutionIsRefused() throws Exception {
        assertEquals("Conv, opset 13): group 2: only group 1 is supported",
                errorWith("Conv", integer("group", 2)));
    }

    @Test
    void ceilModePoolingIsRefused() throws Exception {
        assertEquals("MaxPool, opset 13): ceil_mode 1: only floor mode (0) is supported",
                errorWith("MaxPool", integer("ceil_mode", 1)));
    }

    @Test
    void averagingWithoutThePaddingIsRefusedWhereThereIsPadding() throws Exception {
        assertEquals("AveragePool, opset 13): count_include_pad 0 with padding [1, 1]: only"
                + " count_include_pad 1 is supported where there is padding",
                errorWith("AveragePool", ints("pads", 1, 1, 1, 1)));
    }

    @Test
    void autoPadIsRefused() throws Exception {
        assertEquals("Conv, opset 13): auto_pad SAME_UPPER: only NOTSET (explicit pads) is"
                + " supported", errorWith("Conv", AttributeProto.newBuilder().setName("auto_pad")
                .setType(AttributeProto.AttributeType.STRING)
                .setS(com.google.protobuf.ByteString.copyFromUtf8("SAME_UPPER")).build()));
    }

    /**
     * The import error of the LeNet export whose first {@code op} node has {@code attribute}
     * set, from the op type on (the file and node name before it are the export's).
     */
    private String errorWith(String op, AttributeProto attribute) throws Exception {
        ModelProto model = ModelProto.parseFrom(Files.readAllBytes(
                TorchModels.model("lenet-opset13")));
        GraphProto.Builder g = model.getGraph().toBuilder();
        for (int k = 0; k < g.getNodeCount(); k++) {
            if (g.getNode(k).getOpType().equals(op)) {
                NodeProto.Builder node = g.getNode(k).toBuilder();
                List<AttributeProto> kept = node.getAttributeList().stream()
                        .filter(a -> !a.getName().equals(attribute.getName())).toList();
                g.setNode(k, node.clearAttribute().addAllAttribute(kept).addAttribute(attribute));
                break;
            }
        }
        Path file = Models.write(dir, "changed.onnx",
                model.toBuilder().setGraph(g).build().toByteArray());
        String message = assertThrows(SpecException.class,
                () -> OnnxImport.read(file, null, null)).getMessage();
        assertEquals(1, message.lines().count(), message);
        return message.substring(message.indexOf(" (" + op + ", ") + 2);
    }

    private static AttributeProto integer(String name, long value) {
        return AttributeProto.newBuilder().setName(name)
                .setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    private static AttributeProto ints(String name, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name)
                .setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }
}
