package dev.chainrule.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.onnx.proto.Onnx.AttributeProto;
import dev.chainrule.onnx.proto.Onnx.GraphProto;
import dev.chainrule.onnx.proto.Onnx.ModelProto;
import dev.chainrule.runtime.Weights;
import dev.chainrule.runtime.WeightsJson;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code import}, and every command on a {@code .onnx} file, with PyTorch's export of a
 * 4-8(BatchNorm, relu)-6(tanh)-3(softmax) MLP ({@code src/test/resources/onnx}).
 */
class OnnxCommandsTest {

    @TempDir
    Path dir;

    static Path resource(String name) {
        try {
            return Path.of(OnnxCommandsTest.class.getResource("/onnx/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private final Path model = resource("mlp-opset17.onnx");
    private final Path inputs = resource("mlp-opset17.inputs.csv");

    @Test
    void importWritesAReadableDescriptionAndWeightsKeyedByOnnxNames() throws IOException {
        Path out = dir.resolve("nets");
        Cli.Result r = Cli.run("import", model, "-o", out).assertOk();
        Path yaml = out.resolve("MlpOpset17.yaml");
        Path weights = out.resolve("MlpOpset17.weights.json");
        assertEquals(yaml + "\n" + weights + "\n", r.out());
        List<String> lines = Files.readAllLines(yaml);
        assertTrue(lines.contains("  l1_weight: {shape: [8, 4], onnx_name: \"l1.weight\"}"),
                () -> String.join("\n", lines));
        assertTrue(lines.contains("  bn_running_var: {shape: [8], onnx_name: \"bn.running_var\"}"));
        assertTrue(lines.contains("  output: softmax(_l3_Gemm_output_0)"));
        // the loss takes the logits, the input of the final Softmax
        assertTrue(lines.contains("  loss: softmax_cross_entropy(_l3_Gemm_output_0, target)"));
        assertTrue(lines.contains("output: output"));
        Weights w = WeightsJson.read(weights.toFile());
        assertEquals(List.of("l1.weight", "l1.bias", "bn.weight", "bn.bias", "l2.weight",
                "l2.bias", "l3.weight", "l3.bias", "bn.running_mean", "bn.running_var"), w.names());
        assertArrayEquals(new int[] {8, 4}, w.shape("l1.weight"));
    }

    @Test
    void importTakesANameAndMakesOneFromTheFileName() {
        Cli.run("import", model, "-o", dir, "--name", "Tiny").assertOk();
        assertTrue(Files.exists(dir.resolve("Tiny.yaml")));
        Cli.run("import", model, "-o", dir, "--name", "9lives")
                .assertUserError(dir.resolve("9lives.yaml").toString());
        assertFalse(Files.exists(dir.resolve("9lives.yaml")));
    }

    @Test
    void predictOnTheModelPrintsWhatPredictOnItsImportPrints() {
        Cli.run("import", model, "-o", dir).assertOk();
        String fromModel = Cli.run("predict", model, "--data", inputs).assertOk().out();
        String fromYaml = Cli.run("predict", dir.resolve("MlpOpset17.yaml"), "--data", inputs)
                .assertOk().out();
        assertEquals(fromModel, fromYaml);
        double[][] torch = csv(resource("mlp-opset17.outputs.csv"));
        String[] rows = fromModel.split("\n");
        assertEquals(torch.length, rows.length);
        for (int r = 0; r < rows.length; r++) {
            String[] cells = rows[r].split(",");
            for (int k = 0; k < cells.length; k++) {
                assertEquals(torch[r][k], Double.parseDouble(cells[k]), 1e-6, "row " + r);
            }
        }
    }

    @Test
    void trainingTheModelAndItsImportGivesTheSameWeightsKeyedByInitializerNames()
            throws IOException {
        Path train = trainingData();
        Cli.run("import", model, "-o", dir, "--loss", "softmax_cross_entropy").assertOk();
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        Cli.run("train", model, "--loss", "softmax_cross_entropy", "--data", train, "--epochs",
                "3", "--lr", "0.1", "--batch", "4", "--save-weights", a).assertOk();
        Cli.run("train", dir.resolve("MlpOpset17.yaml"), "--data", train, "--epochs", "3", "--lr",
                "0.1", "--batch", "4", "--save-weights", b, "--backend", "source").assertOk();
        assertEquals(Files.readString(a), Files.readString(b));
        Weights trained = WeightsJson.read(a.toFile());
        // params only: BatchNorm's running statistics are constants and do not train
        assertEquals(List.of("l1.weight", "l1.bias", "bn.weight", "bn.bias", "l2.weight",
                "l2.bias", "l3.weight", "l3.bias"), trained.names());
        Weights start = WeightsJson.read(dir.resolve("MlpOpset17.weights.json").toFile());
        assertFalse(java.util.Arrays.equals(start.values("l3.weight"),
                trained.values("l3.weight")));
    }

    @Test
    void weightsKeyedByTheIdentifiersLoadToo() throws IOException {
        Path byOnnxName = dir.resolve("w.json");
        Cli.run("train", model, "--loss", "mse", "--data", trainingTargets(), "--epochs", "1",
                "--save-weights", byOnnxName).assertOk();
        Path byIdentifier = dir.resolve("ids.json");
        Files.writeString(byIdentifier, Files.readString(byOnnxName).replace("\"l1.weight\"",
                "\"l1_weight\"").replace("\"bn.bias\"", "\"bn_bias\""));
        assertEquals(Cli.run("predict", model, "--weights", byOnnxName, "--data", inputs)
                        .assertOk().out(),
                Cli.run("predict", model, "--weights", byIdentifier, "--data", inputs)
                        .assertOk().out());
    }

    @Test
    void exportedModelsImportBackAndPredictTheSame() {
        Path onnx = dir.resolve("iris.onnx");
        Path iris = Cli.sample("iris.yaml");
        Path rows = Cli.sample("data/iris.csv");
        Path w = dir.resolve("trained.json");
        Cli.run("train", iris, "--epochs", "2", "--save-weights", w).assertOk();
        Cli.run("export", iris, "--weights", w, "-o", onnx).assertOk();
        assertEquals(Cli.run("predict", iris, "--weights", w, "--data", rows).assertOk().out(),
                Cli.run("predict", onnx, "--data", rows).assertOk().out());
    }

    @Test
    void badModelsAndFlagsAreOneLineWithExitStatus2() throws IOException {
        Path text = Files.writeString(dir.resolve("net.onnx"), "name: Net\n");
        Cli.run("predict", text, "--data", inputs).assertUserError(text + ": not an ONNX model");
        Cli.run("train", model, "--loss", "hinge", "--data", inputs)
                .assertUserError(model + ": --loss: expected one of softmax_cross_entropy, mse,"
                        + " squared_error, got 'hinge'");
        Cli.run("train", Cli.sample("iris.yaml"), "--loss", "mse")
                .assertUserError(Cli.sample("iris.yaml") + ": --loss is for ONNX models");
        Cli.run("export", Cli.sample("iris.yaml"), "-o", dir.resolve("x.onnx"), "--opset", "12")
                .assertUserError("chainrule export: --opset: expected 13 to 17, got 12");
        assertFalse(Files.exists(dir.resolve("x.onnx")));
    }

    /**
     * The CNN sample: PyTorch's LeNet-style digits model imports with its two Pads folded into
     * the padding of the Conv and the AveragePool after them, and predicts what torch measured
     * when it exported the model (83.06% of the 360 test digits: 299).
     */
    @Test
    void theCnnSampleImportsWithItsPadsFoldedAndPredictsWhatTorchMeasured() throws IOException {
        Path cnn = Cli.sample("onnx/digits-lenet.onnx");
        Cli.run("import", cnn, "-o", dir).assertOk();
        List<String> lines = Files.readAllLines(dir.resolve("DigitsLenet.yaml"));
        assertTrue(lines.contains("  _1_Conv_output_0: conv2d(pixels, _1_weight, _1_bias,"
                + " padding=1)"), () -> String.join("\n", lines));
        assertTrue(lines.contains("  _3_AveragePool_output_0: avg_pool2d(_2_Relu_output_0, 3,"
                + " stride=2, padding=1)"));
        Path test = Cli.sample("data/digits-test.csv");
        String[] predictions = Cli.run("predict", cnn, "--data", test).assertOk().out()
                .split("\n");
        List<String> rows = Files.readAllLines(test);
        int right = 0;
        for (int r = 0; r < predictions.length; r++) {
            double[] p = java.util.Arrays.stream(predictions[r].split(","))
                    .mapToDouble(Double::parseDouble).toArray();
            int best = 0;
            for (int k = 1; k < p.length; k++) {
                best = p[k] > p[best] ? k : best;
            }
            String[] row = rows.get(r + 1).split(",");
            right += best == (int) Double.parseDouble(row[row.length - 1]) ? 1 : 0;
        }
        assertEquals(360, predictions.length);
        assertEquals(299, right);
    }

    /**
     * PyTorch's PadNet with its first AveragePool made a MaxPool: the Pad before it cannot be
     * folded (MaxPool pads with −∞), which is one line naming the Pad, and nothing is written.
     */
    @Test
    void aPadThatCannotBeFoldedIsOneLineWithExitStatus2() throws IOException {
        ModelProto torch = ModelProto.parseFrom(Files.readAllBytes(
                resource("padnet-opset10.onnx")));
        GraphProto.Builder g = torch.getGraph().toBuilder();
        for (int k = 0; k < g.getNodeCount(); k++) {
            if (g.getNode(k).getName().equals("/pool1/AveragePool")) {
                g.setNode(k, g.getNode(k).toBuilder().setOpType("MaxPool").setName("max1")
                        .clearAttribute().addAttribute(AttributeProto.newBuilder()
                                .setName("kernel_shape").setType(AttributeProto.AttributeType.INTS)
                                .addInts(3).addInts(3)));
            }
        }
        Path file = dir.resolve("padnet-max.onnx");
        Files.write(file, torch.toBuilder().setGraph(g).build().toByteArray());
        Cli.run("import", file, "-o", dir.resolve("out")).assertUserError(file
                + ": node '/pool1/Pad' (Pad, opset 10): a zero padding of [1, 1] is imported"
                + " only folded into the Conv or AveragePool that reads it, but node 'max1'"
                + " (MaxPool) reads it (MaxPool pads with −∞, the Pad with 0)");
        assertFalse(Files.exists(dir.resolve("out").resolve("PadnetMax.yaml")));
    }

    /** The recorded inputs, each ending with a class index. */
    private Path trainingData() throws IOException {
        StringBuilder csv = new StringBuilder();
        List<String> rows = Files.readAllLines(inputs);
        for (int r = 0; r < rows.size(); r++) {
            csv.append(rows.get(r)).append(',').append(r % 3).append('\n');
        }
        return Files.writeString(dir.resolve("train.csv"), csv);
    }

    /** The recorded inputs, each ending with a target of the output's shape. */
    private Path trainingTargets() throws IOException {
        StringBuilder csv = new StringBuilder();
        for (String row : Files.readAllLines(inputs)) {
            csv.append(row).append(",0.2,0.3,0.5\n");
        }
        return Files.writeString(dir.resolve("targets.csv"), csv);
    }

    private static double[][] csv(Path file) {
        try {
            return Files.readAllLines(file).stream().map(l -> java.util.Arrays.stream(
                    l.split(",")).mapToDouble(Double::parseDouble).toArray())
                    .toArray(double[][]::new);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
