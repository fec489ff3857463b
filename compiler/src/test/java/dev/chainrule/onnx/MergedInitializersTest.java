package dev.chainrule.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.onnx.proto.Onnx.GraphProto;
import dev.chainrule.onnx.proto.Onnx.TensorProto;
import dev.chainrule.onnx.proto.Onnx.TensorProto.DataType;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exporters merge initializers of equal value and read them through Identity nodes (a fresh
 * BatchNorm's weight and running variance are both ones): each use becomes its own param or
 * constant, named by the Identity's output.
 */
class MergedInitializersTest {

    @TempDir
    Path dir;

    @Test
    void eachIdentityOfAMergedInitializerIsAValueOfItsOwn() {
        GraphProto.Builder g = Models.graph(DataType.FLOAT, 3)
                .addInitializer(floats("onnx::ones", 1, 1, 1))
                .addInitializer(floats("onnx::zeros", 0, 0, 0))
                .addNode(Models.node("Identity", "", "bn.weight", "onnx::ones"))
                .addNode(Models.node("Identity", "", "bn.running_var", "onnx::ones"))
                .addNode(Models.node("Identity", "", "bn.bias", "onnx::zeros"))
                .addNode(Models.node("Identity", "", "bn.running_mean", "onnx::zeros"))
                .addNode(Models.node("BatchNormalization", "bn", "y", "x", "bn.weight",
                        "bn.bias", "bn.running_mean", "bn.running_var"));
        Path file = Models.write(dir, "bn.onnx", Models.model(g, "y", 15).toByteArray());
        OnnxImport.Result r = OnnxImport.read(file, null, "mse");
        assertEquals("""
                params:
                  bn_weight: {shape: [3], onnx_name: "bn.weight"}
                  bn_bias: {shape: [3], onnx_name: "bn.bias"}
                constants:
                  bn_running_mean: {shape: [3], onnx_name: "bn.running_mean"}
                  bn_running_var: {shape: [3], onnx_name: "bn.running_var"}
                graph:
                  y: bn_weight * (x - bn_running_mean) / sqrt(bn_running_var + 9.999999747378752E-6) + bn_bias
                  loss: mse(y, target)
                """, r.yaml(null).replaceAll("(?s).*\\n(params:)", "$1")
                .replaceAll("output: .*\\n.*\\n$", ""));
        assertEquals("{\n  \"bn.weight\": [1.0, 1.0, 1.0],\n  \"bn.bias\": [0.0, 0.0, 0.0],\n"
                + "  \"bn.running_mean\": [0.0, 0.0, 0.0],\n"
                + "  \"bn.running_var\": [1.0, 1.0, 1.0]\n}\n", r.weightsJson());
    }

    private static TensorProto floats(String name, float... values) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).addDims(values.length)
                .setDataType(DataType.FLOAT.getNumber());
        for (float v : values) {
            t.addFloatData(v);
        }
        return t.build();
    }
}
