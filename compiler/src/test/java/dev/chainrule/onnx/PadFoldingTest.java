package dev.chainrule.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import dev.chainrule.Chainrule;
import dev.chainrule.StartingValues;
import dev.chainrule.codegen.Backend;
import dev.chainrule.onnx.proto.Onnx.AttributeProto;
import dev.chainrule.onnx.proto.Onnx.GraphProto;
import dev.chainrule.onnx.proto.Onnx.NodeProto;
import dev.chainrule.onnx.proto.Onnx.TensorProto.DataType;
import dev.chainrule.runtime.Network;
import dev.chainrule.description.Description;
import dev.chainrule.description.Descriptions;
import dev.chainrule.description.SpecException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A Pad that pads: folded into the Conv or AveragePool after it (PyTorch's {@code padnet}
 * models: a ZeroPad2d before a padded Conv, {@code AvgPool2d(padding=1)} as Pad + AveragePool,
 * two Pads in a row), refused in one line naming the Pad where it cannot be folded, and what
 * onnxruntime 1.20 makes of such models.
 */
class PadFoldingTest {

    @TempDir
    Path dir;

    /**
     * onnxruntime 1.20's basic graph optimizations fuse a Pad into the AveragePool after it
     * without setting count_include_pad to 1 (fixed in onnxruntime 1.21 by PR 23190), so the
     * padded zeros stop counting. Unoptimized, it computes what torch computed; optimized, it
     * does not. When this fails after an onnxruntime upgrade, the NO_OPT in
     * {@code OnnxRuntimeTest} can go.
     */
    @Test
    void onnxruntime120MiscomputesAPadBeforeAnAveragePoolWhenItOptimizes() throws Exception {
        String name = "padnet-opset13";
        double[][] x = TorchModels.inputs(name);
        double[][] torch = TorchModels.outputs(name);
        byte[] model = Files.readAllBytes(TorchModels.model(name));
        List<int[]> shape = List.<int[]>of(new int[] {2, 8, 8});
        double unoptimized = worst(torch, OnnxRuntimeTest.run(model, List.of("input"), shape, x,
                false, OptLevel.NO_OPT));
        double optimized = worst(torch, OnnxRuntimeTest.run(model, List.of("input"), shape, x,
                false, OptLevel.BASIC_OPT));
        assertTrue(unoptimized < 1e-5, "unoptimized: " + unoptimized);
        assertTrue(optimized > 1e-2, "optimized: " + optimized);
    }

    /**
     * PyTorch → Chainrule → onnxruntime: each CNN torch exported, imported, exported again
     * (the Pads now the AveragePool's and Conv's own pads, count_include_pad 1) and run by
     * onnxruntime with every optimization, computes torch's outputs on torch's inputs.
     */
    @ParameterizedTest
    @ValueSource(strings = {"padnet-opset13", "padnet-opset10", "lenet-opset13",
            "gapnet-opset11"})
    void pyTorchsModelsRoundTripThroughChainruleToOnnxruntime(String name) throws Exception {
        Description spec = Descriptions.parse(TorchModels.model(name));
        Chainrule.Compilation c = Chainrule.compile(spec);
        Network net = Backend.BYTECODE.instantiate(c.lowered());
        StartingValues.apply(net, spec, 1);
        byte[] exported = OnnxExport.model(c.forward(), net::getParameter, 17).toByteArray();
        OnnxChecker.assertValid(Files.write(dir.resolve(name + ".onnx"), exported));
        int[] shape = c.forward().leaves(dev.chainrule.graph.Role.INPUT).get(0).shape().dims()
                .stream().mapToInt(d -> d).toArray();
        String input = ((dev.chainrule.graph.op.Leaf) c.forward()
                .leaves(dev.chainrule.graph.Role.INPUT).get(0).op()).name();
        double[][] ort = OnnxRuntimeTest.run(exported, List.of(input), List.of(shape),
                TorchModels.inputs(name), false, OptLevel.ALL_OPT);
        double error = worst(TorchModels.outputs(name), ort);
        assertTrue(error < 1e-5, name + ": " + error);
    }

    @Test
    void aPadBeforeAMaxPoolIsRefusedAtThePad() {
        assertEquals("node 'pad' (Pad, opset 13): a zero padding of [1, 1] is imported only"
                + " folded into the Conv or AveragePool that reads it, but node 'pool' (MaxPool)"
                + " reads it (MaxPool pads with −∞, the Pad with 0)",
                error(pad(0, 0, 1, 1, 0, 0, 1, 1), pool("MaxPool", "padded")));
    }

    @Test
    void aPadFeedingAnAveragePoolAndAnotherNodeIsRefusedAtTheOther() {
        assertEquals("node 'pad' (Pad, opset 13): a zero padding of [1, 1] is imported only"
                + " folded into the Conv or AveragePool that reads it, but node 'act' (Relu)"
                + " reads it", error(pad(0, 0, 1, 1, 0, 0, 1, 1), pool("AveragePool", "padded"),
                Models.node("Relu", "act", "y", "padded")));
    }

    @Test
    void aPaddedOutputIsRefused() {
        assertEquals("node 'pad' (Pad, opset 13): a zero padding of [1, 1] is imported only"
                + " folded into the Conv or AveragePool that reads it, but it is the model's"
                + " output", error(pad(0, 0, 1, 1, 0, 0, 1, 1)));
    }

    @Test
    void asymmetricOrChannelPaddingIsRefused() {
        String expected = ": only the same zero padding on both sides of an image's rows and"
                + " columns ([0, 0, h, w, 0, 0, h, w]) can be folded into a Conv or AveragePool";
        assertEquals("node 'pad' (Pad, opset 13): pads [0, 0, 1, 1, 0, 0, 0, 1]" + expected,
                error(pad(0, 0, 1, 1, 0, 0, 0, 1), pool("AveragePool", "padded")));
        assertEquals("node 'pad' (Pad, opset 13): pads [0, 1, 0, 0, 0, 1, 0, 0]" + expected,
                error(pad(0, 1, 0, 0, 0, 1, 0, 0), pool("AveragePool", "padded")));
    }

    @Test
    void reflectionAndNonzeroValuesAreRefused() {
        NodeProto reflect = pad(0, 0, 1, 1, 0, 0, 1, 1).toBuilder().addAttribute(
                AttributeProto.newBuilder().setName("mode").setType(
                        AttributeProto.AttributeType.STRING).setS(
                        com.google.protobuf.ByteString.copyFromUtf8("reflect"))).build();
        assertEquals("node 'pad' (Pad, opset 13): only constant zero padding is supported, got"
                + " mode reflect and value 0.0", error(reflect, pool("AveragePool", "padded")));
        NodeProto half = pad(0, 0, 1, 1, 0, 0, 1, 1).toBuilder().addInput("half").build();
        assertEquals("node 'pad' (Pad, opset 13): only constant zero padding is supported, got"
                + " mode constant and value 0.5", error(half, pool("AveragePool", "padded")));
    }

    /** The largest difference, relative to the expected value where it is above 1. */
    private static double worst(double[][] expected, double[][] actual) {
        double worst = 0;
        for (int r = 0; r < expected.length; r++) {
            for (int k = 0; k < expected[r].length; k++) {
                worst = Math.max(worst, Math.abs(actual[r][k] - expected[r][k])
                        / Math.max(1, Math.abs(expected[r][k])));
            }
        }
        return worst;
    }

    /** The Pad's pads, an initializer of the model {@link #error} builds. */
    private long[] pads;

    /** A Pad of the input x [N, 2, 6, 6] to {@code padded}. */
    private NodeProto pad(long... values) {
        pads = values;
        return Models.node("Pad", "pad", "padded", "x", "pads");
    }

    private static NodeProto pool(String op, String input) {
        NodeProto node = Models.node(op, "pool", "pooled", input);
        return node.toBuilder().addAttribute(AttributeProto.newBuilder().setName("kernel_shape")
                .setType(AttributeProto.AttributeType.INTS).addInts(3).addInts(3)).build();
    }

    /** The import error of x → nodes, the last node's output the model's, after the file name. */
    private String error(NodeProto... nodes) {
        GraphProto.Builder g = Models.graph(DataType.FLOAT, new int[] {2, 6, 6})
                .addInitializer(OnnxTensors.ints("pads", pads))
                .addInitializer(OnnxTensors.write("half", new long[0], new double[] {0.5}, false));
        for (NodeProto n : nodes) {
            g.addNode(n);
        }
        Path file = Models.write(dir, "padded.onnx", Models.model(g,
                nodes[nodes.length - 1].getOutput(0), 13).toByteArray());
        String message = assertThrows(SpecException.class, () -> OnnxImport.read(file, null,
                null)).getMessage();
        assertEquals(1, message.lines().count(), message);
        return message.substring((file + ": ").length());
    }
}
