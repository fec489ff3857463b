package dev.chainrule.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small run for the reliability tests: samples/iris.yaml with Adam, a validation split and
 * early stopping (so a checkpoint has every field), batch 8, in a directory of its own with its
 * own copy of the data.
 */
final class IrisRun {

    static final String YAML = """
            name: Iris
            input: 4
            layers:
              - {name: hidden, units: 8, activation: tanh}
              - {name: output, units: 3, activation: softmax}
            loss: softmax_cross_entropy
            training:
              learning_rate: 0.01
              batch_size: 8
              epochs: 2
              shuffle: true
              seed: 42
              optimizer: adam
              validation_split: 0.2
              early_stopping: {patience: 5}
            data:
              train: iris.csv
            """;

    final Path dir;
    final Path description;
    final Path data;

    IrisRun(Path dir) throws IOException {
        this.dir = dir;
        this.description = Files.writeString(dir.resolve("iris.yaml"), YAML);
        this.data = Files.copy(Cli.sample("data/iris.csv"), dir.resolve("iris.csv"));
    }

    /** Trains one epoch, checkpointing into {@code checkpoint}; returns it. */
    Path checkpointAfterOneEpoch(String name) {
        Path checkpoint = dir.resolve(name);
        Cli.run("train", description, "--epochs", 1, "--checkpoint", checkpoint).assertOk();
        return checkpoint;
    }

    /** Resumes from {@code checkpoint} up to two epochs, checkpointing elsewhere. */
    Cli.Result resume(Path checkpoint) {
        return Cli.run("train", description, "--epochs", 2, "--resume", checkpoint,
                "--checkpoint", dir.resolve("continued.json"));
    }
}
