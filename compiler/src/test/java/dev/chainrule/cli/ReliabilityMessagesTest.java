package dev.chainrule.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17's message cases: {@code grad} prints valid JSON even for non-finite numbers,
 * {@code --at} names a value once, {@code --set} has no empty values.
 */
@Tag("reliability")
class ReliabilityMessagesTest {

    @TempDir
    Path dir;

    @Test
    void gradPrintsNonFiniteNumbersAsJsonStrings() throws IOException {
        Path yaml = Files.writeString(dir.resolve("log.yaml"), """
                name: Log
                precision: double
                inputs: {a: []}
                graph:
                  y: log(a)
                  z: sqrt(a)
                output: y
                """);
        // log 0 = −∞ and d log a / da = 1/a = +∞ (Math.log and 1/0.0 in double)
        String out = Cli.run("grad", yaml, "--at", "a=0", "--nodes").assertOk().out();
        assertEquals("{\"output\": \"y\", \"value\": \"-Infinity\", \"gradient\": {\"a\":"
                + " \"Infinity\"}, \"nodes\": {\"a\": \"Infinity\", \"y\": 1.0, \"z\": 0.0}}\n",
                out);
        JsonNode json = new ObjectMapper().readTree(out); // strict JSON: no bare NaN/Infinity
        assertEquals(Double.NEGATIVE_INFINITY, Double.parseDouble(json.get("value").asText()));
        // sqrt(−1) is NaN: a NaN output and gradient are strings too
        Files.writeString(yaml, Files.readString(yaml).replace("output: y", "output: z"));
        String nan = Cli.run("grad", yaml, "--at", "a=-1").assertOk().out();
        assertEquals("{\"output\": \"z\", \"value\": \"NaN\", \"gradient\": {\"a\": \"NaN\"}}\n",
                nan);
        new ObjectMapper().readTree(nan);
    }

    @Test
    void aNameGivenTwiceInAtIsAnError() {
        Cli.run("grad", Cli.sample("graphs/seed.yaml"), "--at", "a=2,a=3,b=1")
                .assertUserError("chainrule grad: --at: 'a' is given twice; give each name once");
    }

    @Test
    void anEmptySetValueIsAnError() {
        Cli.run("sweep", Cli.sample("iris.yaml"), "--set", "training.learning_rate=")
                .assertUserError("chainrule sweep: --set training.learning_rate=: an empty value;"
                        + " list the values to try separated by commas, like"
                        + " training.learning_rate=0.1,0.03");
        Cli.run("sweep", Cli.sample("iris.yaml"), "--set", "training.learning_rate=0.1,,0.2")
                .assertUserError("chainrule sweep: --set training.learning_rate=0.1,,0.2: an"
                        + " empty value;");
    }

    /** A float network whose values come from the description, a weights file or a bake. */
    private static final String LINEAR = """
            name: Lin
            input: 2
            layers:
              - {units: 1, activation: identity, bias: false}
            loss: squared_error
            training: {epochs: 1}
            data: {train: lin.csv}
            """;

    @Test
    void numbersBeyondFloatAreLocatedErrorsWhereverTheyAre() throws IOException {
        Files.writeString(dir.resolve("lin.csv"), "1,2,3\n");
        Path yaml = Files.writeString(dir.resolve("lin.yaml"), LINEAR
                + "init:\n  layer1.weight: [[1e39, 0]]\n");
        Cli.run("train", yaml).assertUserError(yaml + ":9:20: init.layer1.weight[0][0]: 1e39 is"
                + " beyond the range of float precision (at most 3.4028235E38 in magnitude); use"
                + " precision: double or a smaller value");
        Files.writeString(yaml, LINEAR);
        Path weights = Files.writeString(dir.resolve("w.json"),
                "{\"layer1.weight\": [[0, -1e39]]}\n");
        String beyond = weights + ":1:2: layer1.weight[0][1] is -1.0E39, beyond the range of"
                + " this float network (at most 3.4028235E38 in magnitude)";
        Cli.run("train", yaml, "--init-weights", weights).assertUserError(beyond);
        Cli.run("compile", yaml, "--weights", weights, "-o", dir.resolve("out"))
                .assertUserError(beyond);
        // the same numbers are fine in double precision
        Files.writeString(yaml, LINEAR.replace("input: 2", "input: 2\nprecision: double"));
        Cli.run("compile", yaml, "--weights", weights, "-o", dir.resolve("out")).assertOk();
        Path graph = Files.writeString(dir.resolve("g.yaml"), """
                name: G
                inputs: {a: []}
                params:
                  W: {shape: [2], init: [1, -1e39]}
                graph:
                  y: sum(W) + a
                output: y
                """);
        Cli.run("grad", graph, "--at", "a=1").assertUserError(graph + ":4:29: params.W.init[1]:"
                + " -1e39 is beyond the range of float precision");
    }
}
