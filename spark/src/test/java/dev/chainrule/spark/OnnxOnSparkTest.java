package dev.chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.cli.Main;
import dev.chainrule.runtime.CsvLoader;
import dev.chainrule.runtime.Weights;
import dev.chainrule.runtime.WeightsJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

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
        dev.chainrule.runtime.Dataset digits = CsvLoader.load(LocalSpark.data(file), 64, 10,
                true);
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < digits.size(); r++) {
            rows.add(RowFactory.create(Vectors.dense(digits.inputs()[r]),
                    (double) digits.label(r)));
        }
        return LocalSpark.frame(rows, new StructType().add("features", new VectorUDT())
                .add("label", DataTypes.DoubleType), 2);
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

        Path saved = dir.resolve("cli.json");
        assertEquals(0, new CommandLine(new Main()).execute("train", model().toString(),
                "--data", LocalSpark.data("digits-train.csv").toString(), "--epochs", "1",
                "--lr", "0.01", "--batch", "32", "--seed", "5",
                "--save-weights", saved.toString()));
        Weights cli = WeightsJson.read(saved.toFile());
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
