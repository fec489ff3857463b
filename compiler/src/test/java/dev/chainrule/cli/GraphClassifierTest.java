package dev.chainrule.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A graph whose loss is {@code softmax_cross_entropy(z, t)} of its one target vector is a
 * classifier, as the layer form's: class-index rows, accuracy, the report's confusion matrix.
 */
class GraphClassifierTest {

    @TempDir
    Path dir;

    static final String IRIS_GRAPH = """
            name: IrisGraph
            inputs: {x: [4]}
            targets: {t: [3]}
            params:
              W: {shape: [3, 4], init: glorot_uniform}
              b: {shape: [3], init: zeros}
            graph:
              z: W @ x + b
              ce: softmax_cross_entropy(z, t)
            output: z
            loss: ce
            training: {learning_rate: 0.05, batch_size: 4, epochs: 20, shuffle: true, seed: 3}
            """;

    @Test
    void classIndexRowsTrainLikeOneHotRowsAndReportAccuracy() throws IOException {
        Path net = Files.writeString(dir.resolve("iris-graph.yaml"), IRIS_GRAPH);
        Path byIndex = dir.resolve("by-index.json");
        Path byOneHot = dir.resolve("by-one-hot.json");
        Path report = dir.resolve("run.html");
        Cli.Result indices = Cli.run("train", net, "--data", Cli.sample("data/iris.csv"),
                "--save-weights", byIndex, "--report", report, "--quiet").assertOk();
        Cli.run("train", net, "--data", Cli.sample("graphs/data/iris-onehot.csv"),
                "--save-weights", byOneHot, "--quiet").assertOk();
        // the same rows either way: the same weights, bit for bit
        assertArrayEquals(Files.readAllBytes(byOneHot), Files.readAllBytes(byIndex));
        String last = indices.outLines()[indices.outLines().length - 1];
        assertTrue(last.matches("epoch 20/20  loss \\S+  train acc \\d+\\.\\d\\d%  .*"), last);
        assertTrue(Files.readString(report).contains("Confusion matrix"));
    }

    @Test
    void aLossThatIsNotSoftmaxCrossEntropyOfTheTargetIsNoClassifier() {
        Cli.Result result = Cli.run("train", Cli.sample("graphs/iris-l2.yaml"), "--epochs", 1)
                .assertOk();
        assertFalse(result.out().contains("acc"), result.out());
    }
}
