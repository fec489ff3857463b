package dev.chainrule.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training section's new settings as {@code train} shows them, and their errors. */
class TrainSettingsCommandTest {

    @TempDir
    Path dir;

    private Path iris(String training) throws IOException {
        Path yaml = dir.resolve("net.yaml");
        Files.writeString(yaml, """
                name: Iris
                input: 4
                layers:
                  - {name: hidden, units: 8, activation: tanh}
                  - {name: output, units: 3, activation: softmax}
                loss: softmax_cross_entropy
                training:
                  batch_size: 8
                  shuffle: true
                %sdata:
                  train: %s
                """.formatted(training, Cli.sample("data/iris.csv")));
        return yaml;
    }

    @Test
    void epochLinesShowTheValidationFiguresAndEarlyStoppingSaysSo() throws IOException {
        // iris.csv is sorted by species: the last 20% are all virginica, which the first 80%
        // never show, so the validation loss soon stops improving.
        Cli.Result result = Cli.run("train", iris("""
                  learning_rate: 0.05
                  epochs: 100
                  optimizer: {type: adam}
                  validation_split: 0.2
                  early_stopping: {patience: 2}
                """)).assertOk();
        String[] lines = result.outLines();
        assertTrue(lines[0].matches("epoch +1/100  loss " + Numbers6g.PATTERN + "  val loss "
                + Numbers6g.PATTERN
                + "  val acc \\d+\\.\\d{2}%  train acc .*"), lines[0]);
        String last = lines[lines.length - 1];
        assertTrue(last.matches("stopped early after epoch \\d+: no validation improvement for 2"
                + " epochs; restored the weights of epoch \\d+"), last);
        assertTrue(lines.length < 101, "stopped before epoch 100");
    }

    @Test
    void badSettingsAreLocatedOneLineErrors() throws IOException {
        Path yaml = iris("""
                  optimizer: {type: sgd, nesterov: true}
                """);
        Cli.run("train", yaml).assertUserError(yaml + ":10:36: training.optimizer.nesterov:"
                + " nesterov needs a momentum > 0 and zero dampening, got momentum 0 and"
                + " dampening 0");
        yaml = iris("""
                  optimizer: rmsprop
                """);
        Cli.run("train", yaml).assertUserError(yaml + ":10:14: training.optimizer: unknown"
                + " optimizer 'rmsprop' (expected one of sgd, adam, adamw)");
        yaml = iris("""
                  early_stopping: {patience: 3}
                """);
        Cli.run("train", yaml).assertUserError(yaml + ":10:19: training.early_stopping: needs"
                + " validation_split (early stopping watches the validation loss)");
    }

    @Test
    void schedulesChangeTheRateEpochByEpoch() throws IOException {
        Path report = dir.resolve("run.html");
        Cli.run("train", iris("""
                  learning_rate: 0.08
                  epochs: 3
                  schedule: {type: step, step_size: 1, gamma: 0.5}
                """), "--report", report).assertOk();
        String html = Files.readString(report);
        for (String rate : new String[] {"0.08000", "0.04000", "0.02000"}) {
            assertTrue(html.contains("<td>" + rate + "</td>"), rate);
        }
        assertEquals(-1, html.indexOf("<script"));
    }
}
