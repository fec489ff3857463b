package dev.chainrule.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.onnx.proto.Onnx.GraphProto;
import dev.chainrule.onnx.proto.Onnx.StringStringEntryProto;
import dev.chainrule.onnx.proto.Onnx.TensorProto;
import dev.chainrule.onnx.proto.Onnx.TensorProto.DataType;
import dev.chainrule.description.SpecException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every model Chainrule cannot import is one located line, and the whole story at once. */
class OnnxErrorsTest {

    @TempDir
    Path dir;

    private String error(Path file) {
        return assertThrows(SpecException.class, () -> OnnxImport.read(file, null, null))
                .getMessage();
    }

    @Test
    void everyUnsupportedOperatorIsListedWithANodeAndTheOpset() {
        GraphProto.Builder g = Models.graph(DataType.FLOAT, 4)
                .addNode(Models.node("Resize", "up1", "a", "x"))
                .addNode(Models.node("Relu", "relu1", "b", "a"))
                .addNode(Models.node("LSTM", "lstm", "c", "b"))
                .addNode(Models.node("Resize", "up2", "d", "c"))
                .addNode(Models.node("Gelu", "", "e", "d").toBuilder().setDomain("com.microsoft")
                        .build());
        Path file = Models.write(dir, "m.onnx", Models.model(g, "e", 17).toByteArray());
        assertEquals(file + ": unsupported operators in opset 17: Resize (node 'up1'), LSTM"
                + " (node 'lstm'), com.microsoft.Gelu (node 'e')", error(file));
    }

    @Test
    void aFileThatIsNotOnnxSaysSo() throws Exception {
        Path file = Models.write(dir, "net.onnx", "name: Net\ninput: 4\n".getBytes());
        assertEquals(file + ": not an ONNX model", error(file).replaceAll(" \\(.*", ""));
    }

    @Test
    void aTruncatedFileSaysSo() throws Exception {
        byte[] whole = Files.readAllBytes(TorchModels.model("mlp-opset17"));
        Path file = Models.write(dir, "cut.onnx", Arrays.copyOf(whole, whole.length - 100));
        assertEquals(file + ": truncated ONNX file (it ends in the middle of a field)",
                error(file));
    }

    @Test
    void aMissingExternalDataFileIsNamed() {
        Path file = externalDataModel();
        assertEquals(file + ": tensor 'W': external data file weights.bin not found (expected"
                + " beside the model, at " + dir.resolve("weights.bin") + ")", error(file));
    }

    @Test
    void externalDataBesideTheModelIsRead() throws Exception {
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(8 * 4)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int k = 0; k < 8; k++) {
            bytes.putFloat(k);
        }
        Models.write(dir, "weights.bin", bytes.array());
        Path file = externalDataModel();
        assertEquals("{\n  \"W\": [[0.0, 1.0, 2.0, 3.0], [4.0, 5.0, 6.0, 7.0]]\n}\n",
                OnnxImport.read(file, null, null).weightsJson());
    }

    /** A Gemm whose 2x4 weight W is in weights.bin beside the model. */
    private Path externalDataModel() {
        TensorProto w = TensorProto.newBuilder().setName("W").addDims(2).addDims(4)
                .setDataType(DataType.FLOAT.getNumber())
                .setDataLocation(TensorProto.DataLocation.EXTERNAL)
                .addExternalData(StringStringEntryProto.newBuilder().setKey("location")
                        .setValue("weights.bin")).build();
        GraphProto.Builder g = Models.graph(DataType.FLOAT, 4).addInitializer(w)
                .addNode(Models.withInt(Models.node("Gemm", "fc", "y", "x", "W"), "transB", 1));
        return Models.write(dir, "ext.onnx", Models.model(g, "y", 13).toByteArray());
    }

    @Test
    void anInputOfAnotherElementTypeIsRejected() {
        GraphProto.Builder g = Models.graph(DataType.INT32, 4)
                .addNode(Models.node("Relu", "r", "y", "x"));
        Path file = Models.write(dir, "int.onnx", Models.model(g, "y", 13).toByteArray());
        assertEquals(file + ": input 'x' has element type INT32 (expected FLOAT or DOUBLE)",
                error(file));
    }

    @Test
    void anInitializerOfAnotherElementTypeIsRejected() {
        TensorProto w = TensorProto.newBuilder().setName("W").addDims(2)
                .setDataType(DataType.FLOAT16.getNumber()).build();
        GraphProto.Builder g = Models.graph(DataType.FLOAT, 2).addInitializer(w)
                .addNode(Models.node("Add", "a", "y", "x", "W"));
        Path file = Models.write(dir, "half.onnx", Models.model(g, "y", 13).toByteArray());
        assertEquals(file + ": tensor 'W' has element type FLOAT16 (expected FLOAT or DOUBLE;"
                + " INT64, INT32 and BOOL only in shapes)", error(file));
    }

    @Test
    void aLossThatDoesNotFitTheOutputIsRejected() {
        GraphProto.Builder g = Models.graph(DataType.FLOAT, 3)
                .addNode(Models.node("ReduceSum", "total", "y", "x", "axes"))
                .addInitializer(TensorProto.newBuilder().setName("axes").addDims(1)
                        .setDataType(DataType.INT64.getNumber()).addInt64Data(1));
        Path file = Models.write(dir, "sum.onnx", Models.model(g, "y", 13).toByteArray());
        SpecException e = assertThrows(SpecException.class,
                () -> OnnxImport.read(file, null, "softmax_cross_entropy"));
        assertEquals(file + ": --loss softmax_cross_entropy needs a vector of class scores per"
                + " sample, but the output has shape []", e.getMessage());
    }

    @Test
    void aReshapeThatMovesTheBatchIsNamedAtItsNode() {
        GraphProto.Builder g = Models.graph(DataType.FLOAT, 4)
                .addInitializer(TensorProto.newBuilder().setName("shape").addDims(2)
                        .setDataType(DataType.INT64.getNumber()).addInt64Data(4).addInt64Data(-1))
                .addNode(Models.node("Reshape", "r", "y", "x", "shape"));
        Path file = Models.write(dir, "r.onnx", Models.model(g, "y", 13).toByteArray());
        assertEquals(file + ": node 'r' (Reshape, opset 13): target [4, -1] does not keep the"
                + " batch first (input per-sample shape [4])", error(file));
    }
}
