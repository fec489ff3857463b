package dev.chainrule.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --checkpoint} and {@code --resume}: a resumed run ends with the weights of an
 * uninterrupted one, byte for byte, also after the first process was killed with SIGKILL.
 */
class CheckpointCommandTest {

    @TempDir
    Path dir;

    /** digits.yaml with Adam, a schedule, clipping, a validation split and early stopping. */
    private Path description(int batch) throws IOException {
        Path yaml = dir.resolve("digits.yaml");
        Files.writeString(yaml, Files.readString(Cli.sample("digits.yaml"))
                .replace("data/", Cli.sample("data") + "/")
                .replace("batch_size: 1", "batch_size: " + batch)
                .replace("learning_rate: 0.05", "learning_rate: 0.01")
                .replace("training:", """
                        training:
                          optimizer: {type: adamw, amsgrad: true}
                          schedule: {type: step, step_size: 2, gamma: 0.7}
                          gradient_clip: {max_norm: 2.0}
                          validation_split: 0.1
                          early_stopping: {patience: 50}"""));
        return yaml;
    }

    @Test
    void resumedRunEndsWithTheUninterruptedWeights() throws IOException {
        Path yaml = description(40);
        Path straight = dir.resolve("straight.json");
        Cli.run("train", yaml, "--epochs", 5, "--save-weights", straight).assertOk();
        Path checkpoint = dir.resolve("run.ckpt.json");
        Cli.run("train", yaml, "--epochs", 2, "--checkpoint", checkpoint, "--threads", 1)
                .assertOk();
        Path resumed = dir.resolve("resumed.json");
        Cli.Result result = Cli.run("train", yaml, "--resume", checkpoint, "--epochs", 5,
                "--save-weights", resumed, "--threads", 2).assertOk();
        assertTrue(result.out().startsWith("epoch 3/5 "), result.out());
        assertArrayEquals(Files.readAllBytes(straight), Files.readAllBytes(resumed));
    }

    @Test
    void aCheckpointOfAnotherDescriptionIsRefused() throws IOException {
        Path checkpoint = dir.resolve("c.json");
        Cli.run("train", description(40), "--epochs", 1, "--checkpoint", checkpoint).assertOk();
        Cli.run("train", Cli.sample("iris.yaml"), "--resume", checkpoint)
                .assertUserError(checkpoint + ":3:14: network: this checkpoint was written for"
                        + " another run:"
                        + " network names differ (checkpoint: Digits; this run: Iris)");
    }

    @Test
    void aRunKilledMidEpochResumesToTheSameWeights() throws IOException, InterruptedException {
        Path yaml = description(4);
        int epochs = 40;
        Path straight = dir.resolve("straight.json");
        Cli.run("train", yaml, "--epochs", epochs, "--save-weights", straight).assertOk();

        Path checkpoint = dir.resolve("killed.ckpt.json");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "train",
                yaml.toString(), "--epochs", Integer.toString(epochs), "--checkpoint",
                checkpoint.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("killed.log").toFile()).start();
        // Kill it (SIGKILL) as soon as the first checkpoint exists: mid-way through a later
        // epoch, or, on a very fast machine, after the last one.
        while (!Files.exists(checkpoint) && process.isAlive()) {
            process.waitFor(20, TimeUnit.MILLISECONDS);
        }
        process.destroyForcibly().waitFor();
        assertTrue(Files.exists(checkpoint), () -> "no checkpoint; the run said: " + log());
        assertTrue(!new File(checkpoint + ".tmp").exists() || Files.exists(checkpoint));

        Path resumed = dir.resolve("resumed.json");
        Cli.run("train", yaml, "--resume", checkpoint, "--epochs", epochs, "--save-weights",
                resumed).assertOk();
        assertArrayEquals(Files.readAllBytes(straight), Files.readAllBytes(resumed));
        assertEquals(epochs, Integer.parseInt(Files.readString(checkpoint)
                .replaceAll("(?s).*\"epochs_done\": (\\d+).*", "$1")));
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("killed.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }
}
