package dev.chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.runtime.Weights;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ONNX model as the estimator's description: {@code samples/onnx/digits-mlp.onnx}, the
 * 64-32-10 MLP PyTorch trained on the UCI digits, fine-tuned on Spark from its initializers
 * exactly as {@code chainrule train digits-mlp.onnx} fine-tunes it.
 */
class OnnxOnSparkTest {

    @TempDir
    Path dir;

    private static Path model() {
        return LocalSpark.samples().resolve("onnx/digits-mlp.onnx");
    }

    private static Dataset<Row> digits(String file) {
        return LocalSpark.digitsFrame(file, 2);
    }

    /**
     * One synchronous epoch at batch 32, rate 0.01 (set as Params, as the CLI's flags): the
     * CLI's weights to float rounding (the partial sums are added in another order), and the
     * model scores the held-out digits about as PyTorch did (91.67%), then saves and loads.
     */
    @Test
    void anOnnxModelFineTunesLikeTheCli() throws Exception {
        ChainruleModel spark = new ChainruleEstimator().setDescriptionPath(model().toString())
                .setStepSize(0.01).setMaxIter(1).setBatchSize(32).setSeed(5)
                .fit(digits("digits-train.csv"));

        Weights cli = LocalSpark.cliTrained(model(), LocalSpark.data("digits-train.csv"), dir,
                "--epochs", "1", "--lr", "0.01", "--batch", "32", "--seed", "5");
        assertEquals(4, cli.names().size(), cli.names().toString());
        double largest = 0;
        for (String name : cli.names()) {
            double[] expected = cli.values(name);
            double[] actual = spark.weights().values(name);
            for (int i = 0; i < expected.length; i++) {
                largest = Math.max(largest, Math.abs(expected[i] - actual[i]));
            }
        }
        assertTrue(largest < 1e-5, "largest difference " + largest);

        long right = spark.transform(digits("digits-test.csv")).filter("prediction = label")
                .count();
        assertTrue(right >= 320, right + " of 360 held-out digits right");

        String path = dir.resolve("model").toString();
        spark.write().overwrite().save(path);
        ChainruleModel loaded = ChainruleModel.load(path);
        assertEquals(spark.transform(digits("digits-test.csv")).select("rawPrediction")
                .collectAsList(), loaded.transform(digits("digits-test.csv"))
                .select("rawPrediction").collectAsList());
    }

    @Test
    void aFileThatIsNotAModelFailsWithItsName() throws Exception {
        Path notOnnx = Files.write(dir.resolve("broken.onnx"), new byte[] {1, 2, 3});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ChainruleEstimator().setDescriptionPath(notOnnx.toString())
                        .fit(digits("digits-test.csv")));
        assertTrue(e.getMessage().startsWith(notOnnx + ": "), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }
}
