package dev.chainrule.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.runtime.BatchKernels;
import dev.chainrule.description.SpecParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;

class BenchCommandTest {

    @Test
    void reportsEveryBatchSizeOnTheDescriptionsData() {
        Cli.Result result = Cli.run("bench", Cli.sample("iris.yaml"), "--batch", "1,40",
                "--seconds", "0.05", "--threads", "2").assertOk();

        String[] lines = result.outLines();
        assertEquals(3, lines.length, result.out());
        assertTrue(lines[0].startsWith("4 -> 8 tanh -> 3 softmax, softmax_cross_entropy, float, 150 samples"),
                lines[0]);
        assertTrue(lines[1].matches("batch    1: +[0-9,]+ samples/s .* GFLOP/s dense-equivalent"), lines[1]);
        assertTrue(lines[2].startsWith("batch   40:"), lines[2]);
    }

    @Test
    void usesRandomDataWhenTheDescriptionHasNone(@TempDir Path dir) throws IOException {
        Path net = dir.resolve("net.yaml");
        Files.writeString(net, "name: Net\ninput: 3\nlayers:\n  - {units: 2, activation: sigmoid}\n"
                + "loss: squared_error\n");
        Cli.Result result = Cli.run("bench", net, "--seconds", "0.05", "--threads", "1").assertOk();

        assertTrue(result.out().startsWith("3 -> 2 sigmoid, squared_error, float, 2048 samples,"
                + " bytecode backend, 1 thread, simd: " + BatchKernels.LIVE.simd() + "\n"),
                result.out());
    }

    @Test
    void countsDenseTrainingFlops() {
        // 784-128-10: layer 1 forward + weight gradient (4·784·128), layer 2 all three (6·128·10)
        var spec = SpecParser.parse(Cli.sample("mnist.yaml"));
        assertEquals(4.0 * 784 * 128 + 6.0 * 128 * 10, BenchCommand.denseFlopsPerSample(spec));
    }

    @Test
    void badValues() {
        Cli.run("bench", Cli.sample("iris.yaml"), "--batch", "0").assertUserError(
                "chainrule bench: --batch sizes must be at least 1, got 0");
        Cli.run("bench", Cli.sample("iris.yaml"), "--seconds", "-1").assertUserError(
                "chainrule bench: --seconds must be in (0, 600], got -1.0");
        Cli.run("bench", Cli.sample("iris.yaml"), "--threads", "0").assertUserError(
                "chainrule bench: --threads must be at least 1, got 0");
    }
}
