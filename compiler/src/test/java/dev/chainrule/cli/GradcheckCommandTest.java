package dev.chainrule.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GradcheckCommandTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"worked-example.yaml", "sigmoid-232.yaml", "xor.yaml", "iris.yaml",
            "digits.yaml", "mnist.yaml"})
    void everySamplePasses(String sample) {
        Cli.Result result = Cli.run("gradcheck", Cli.sample(sample)).assertOk();

        String[] lines = result.outLines();
        assertTrue(lines[lines.length - 1].startsWith("gradient check passed: "), result.out());
        for (int i = 0; i < lines.length - 1; i++) {
            assertTrue(lines[i].endsWith("  ok"), lines[i]);
        }
    }

    @Test
    void samplesFromData() {
        Cli.Result result = Cli.run("gradcheck", Cli.sample("iris.yaml"), "--data",
                Cli.sample("data/iris.csv"), "--samples", 5).assertOk();

        assertTrue(result.out().contains("4 parameters on 5 samples"), result.out());
        assertTrue(result.out().contains("hidden.weight  [8x4]"), result.out());
    }

    /** LeNet-5: the conv layers' [K, C, kh, kw] weights and biases pass like the dense ones. */
    @Test
    void leNetPasses() {
        Cli.Result result = Cli.run("gradcheck", Cli.sample("mnist-lenet.yaml"), "--entries", 20,
                "--samples", 1).assertOk();
        assertTrue(result.out().contains("conv1.weight   [6x1x5x5]  20 of 150 entries"), result.out());
        assertTrue(result.out().contains("conv2.weight   [16x6x5x5] 20 of 2400 entries"), result.out());
        assertTrue(result.out().contains("gradient check passed: 10 parameters on 1 samples"),
                result.out());
    }

    @Test
    void entriesLimitsTheCheckedEntries() {
        Cli.Result result = Cli.run("gradcheck", Cli.sample("digits.yaml"), "--entries", 10,
                "--samples", 1).assertOk();

        assertTrue(result.out().contains("hidden.weight  [32x64]    10 of 2048 entries"),
                result.out());
        assertTrue(result.out().contains("output.bias    [10]         10 entries"),
                result.out());
    }

    @Test
    void badValues() throws IOException {
        Path iris = Cli.sample("iris.yaml");
        Cli.run("gradcheck", iris, "--samples", 0).assertUserError(
                "chainrule gradcheck: --samples must be at least 1, got 0");
        Cli.run("gradcheck", iris, "--entries", -1).assertUserError(
                "chainrule gradcheck: --entries must be 0 (all) or more");
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "1,2,3,4,9\n");
        Cli.run("gradcheck", iris, "--data", csv).assertUserError(
                csv + ":1: class index 9 out of range 0..2");
    }
}
