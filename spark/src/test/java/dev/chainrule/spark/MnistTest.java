package dev.chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.cli.Main;
import dev.chainrule.runtime.Evaluation;
import dev.chainrule.runtime.Network;
import dev.chainrule.runtime.WeightsJson;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** MNIST-8k on Spark: averaging against the accuracy of {@code chainrule train}. */
class MnistTest {

    @TempDir
    Path dir;

    @Test
    void averagingReachesTheCliAccuracyWithinOnePoint() throws Exception {
        Path description = LocalSpark.samples().resolve("mnist.yaml");
        Path weights = dir.resolve("cli.json");
        int status = new CommandLine(new Main()).execute("train", description.toString(),
                "--save-weights", weights.toString(), "--every", "5");
        assertEquals(0, status);
        Description d = new Description(Files.readString(description), "mnist.yaml");
        Network cli = d.newNetwork();
        WeightsJson.read(weights.toFile()).applyTo(cli);
        double cliAccuracy = Evaluation.accuracy(cli, LocalSpark.mnistTest());

        ChainruleModel fitted = new ChainruleEstimator()
                .setDescriptionPath(description.toString()).setMode("averaging")
                .fit(LocalSpark.mnistFrame(LocalSpark.mnistTrain(), 2));
        Dataset<Row> scored = fitted.transform(LocalSpark.mnistFrame(LocalSpark.mnistTest(), 2));
        double sparkAccuracy = scored.filter("prediction = label").count() / 2000.0;

        assertTrue(Math.abs(sparkAccuracy - cliAccuracy) <= 0.01, "averaging "
                + sparkAccuracy + " vs chainrule train " + cliAccuracy);
        assertTrue(sparkAccuracy > 0.9, "averaging " + sparkAccuracy);
    }
}
