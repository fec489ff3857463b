package dev.chainrule.onnx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The models PyTorch 1.13 exported for these tests ({@code src/test/resources/onnx}, made by
 * {@code make_models.py} there), with the inputs it was run on and its outputs in double.
 */
final class TorchModels {

    /** Every exported model's name; the file is {@code NAME.onnx}. */
    static final List<String> NAMES = List.of("mlp-opset9", "mlp-opset17", "mlp-double-opset15",
            "ops-opset11", "ops-opset13", "fresh-bn-fixed-batch-opset12", "lenet-opset13",
            "gapnet-opset11");

    private TorchModels() {}

    static Path file(String name) {
        try {
            return Path.of(TorchModels.class.getResource("/onnx/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path model(String name) {
        return file(name + ".onnx");
    }

    static double[][] inputs(String name) {
        return csv(file(name + ".inputs.csv"));
    }

    /** What torch computed, in double, from the model's own (float or double) weights. */
    static double[][] outputs(String name) {
        return csv(file(name + ".outputs.csv"));
    }

    static double[][] csv(Path file) {
        try {
            return Files.readAllLines(file).stream().filter(l -> !l.isBlank())
                    .map(l -> java.util.Arrays.stream(l.split(","))
                            .mapToDouble(Double::parseDouble).toArray())
                    .toArray(double[][]::new);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
