package dev.chainrule.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small conv net on the bundled UCI digits (samples/digits.yaml's data: 8x8 images as CSV
 * rows of 64 values, then the class): conv 4@3x3 pad 1 relu, max pool 2, flatten, 10 softmax.
 * Fast enough for the CLI tests that need a conv description to train.
 */
final class ConvDigits {

    static final String YAML = """
            name: ConvDigits
            input: [1, 8, 8]
            layers:
              - {name: conv, type: conv2d, filters: 4, kernel: 3, padding: 1, activation: relu}
              - {name: pool, type: max_pool2d, kernel: 2}
              - {name: flat, type: flatten}
              - {name: output, units: 10, activation: softmax}
            loss: softmax_cross_entropy
            training: {learning_rate: 0.05, batch_size: 8, epochs: 2, shuffle: true, seed: 7}
            data:
              train: %s/digits-train.csv
              test: %s/digits-test.csv
            """;

    private ConvDigits() {}

    /** Writes the description into {@code dir} as {@code conv-digits.yaml}. */
    static Path write(Path dir) throws IOException {
        String data = Cli.sample("data").toString();
        return Files.writeString(dir.resolve("conv-digits.yaml"), YAML.formatted(data, data));
    }
}
