package dev.chainrule.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CLI contract holds with either backend: every sample compiles with both, and train with
 * --save-weights then predict give the same weights and outputs, byte for byte.
 */
class BackendContractTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"worked-example.yaml", "sigmoid-232.yaml", "xor.yaml", "iris.yaml",
            "digits.yaml", "mnist.yaml"})
    void everySampleCompilesWithBothBackends(String sample) throws IOException {
        Path java = dir.resolve("java");
        Path classes = dir.resolve("classes");
        Cli.run("compile", Cli.sample(sample), "-o", java, "--backend", "source").assertOk();
        Cli.run("compile", Cli.sample(sample), "-o", classes, "--backend", "bytecode",
                "--emit", "class").assertOk();

        try (var files = Files.walk(java)) {
            assertEquals(1, files.filter(f -> f.toString().endsWith(".java")).count());
        }
        try (var files = Files.walk(classes)) {
            assertEquals(1, files.filter(f -> f.toString().endsWith(".class")).count());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"worked-example.yaml", "xor.yaml", "iris.yaml"})
    void trainThenPredictAgreeAcrossBackends(String sample) throws IOException {
        String[] weights = new String[2];
        String[] predictions = new String[2];
        String[] backends = {"source", "bytecode"};
        String data = Files.readString(Cli.sample(sample)).contains("iris.csv") ? "data/iris.csv"
                : sample.equals("xor.yaml") ? "data/xor.csv" : "data/worked-example.csv";
        for (int b = 0; b < 2; b++) {
            Path saved = dir.resolve(backends[b] + ".json");
            Cli.run("train", Cli.sample(sample), "--epochs", 2, "--backend", backends[b],
                    "--save-weights", saved).assertOk();
            weights[b] = Files.readString(saved);
            predictions[b] = Cli.run("predict", Cli.sample(sample), "--weights", saved, "--data",
                    Cli.sample(data), "--backend", backends[b]).assertOk().out();
        }
        assertEquals(weights[0], weights[1]);
        assertEquals(predictions[0], predictions[1]);
        assertTrue(predictions[0].lines().count() > 0);
    }
}
