package dev.chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.runtime.Weights;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A convolutional description on Spark: the UCI digits' 8x8 images as a flattened 64-pixel
 * features vector, read as the description's {@code [1, 8, 8]} input, in both modes. Nothing
 * in the estimator knows about images: executors compile the description like any other.
 */
class ImageDescriptionTest {

    /** conv 4@3x3 (same padding), max-pool 2, softmax over 10: 474 weights, double precision. */
    private static final String CONV = """
            name: DigitsConv
            precision: double
            input: [1, 8, 8]
            layers:
              - {name: conv, type: conv2d, filters: 4, kernel: 3, padding: 1, activation: relu}
              - {name: pool, type: max_pool2d, kernel: 2}
              - {name: flat, type: flatten}
              - {name: output, units: 10, activation: softmax}
            loss: softmax_cross_entropy
            training: {learning_rate: 0.1, batch_size: 32, epochs: 2, shuffle: true, seed: 3}
            """;

    @TempDir
    Path dir;

    private static Dataset<Row> digits() {
        return LocalSpark.digitsFrame("digits-train.csv", 2);
    }

    /** Synchronous mode trains the CLI's weights (to rounding): same batches, same steps. */
    @Test
    void synchronousTrainsTheCliWeights() throws Exception {
        Weights spark = new ChainruleEstimator().setDescription(CONV).fit(digits()).weights();

        Weights cli = LocalSpark.cliTrained(Files.writeString(dir.resolve("conv.yaml"), CONV),
                LocalSpark.data("digits-train.csv"), dir);
        assertEquals(List.of("conv.weight", "conv.bias", "output.weight", "output.bias"),
                List.copyOf(cli.names()));
        for (String name : cli.names()) {
            double[] expected = cli.values(name);
            double[] actual = spark.values(name);
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], actual[i], 1e-9 * Math.max(1, Math.abs(expected[i])),
                        name + "[" + i + "]");
            }
        }
    }

    /** Averaging mode: two fits on the same partitioning give the same weights bit for bit. */
    @Test
    void averagingIsDeterministic() {
        ChainruleEstimator estimator = new ChainruleEstimator().setDescription(CONV)
                .setMode("averaging");
        ChainruleModel first = estimator.fit(digits());
        Weights second = estimator.fit(digits()).weights();
        for (String name : first.weights().names()) {
            assertArrayEquals(first.weights().values(name), second.values(name), 0.0, name);
        }
        long right = first.transform(digits()).filter("prediction = label").count();
        assertTrue(right > 1437 / 2, right + " of 1,437 training digits right after 2 epochs");
    }
}
