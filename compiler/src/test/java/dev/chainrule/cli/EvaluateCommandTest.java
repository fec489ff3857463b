package dev.chainrule.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.runtime.CsvLoader;
import dev.chainrule.runtime.Dataset;
import dev.chainrule.runtime.Evaluation;
import dev.chainrule.runtime.Network;
import dev.chainrule.runtime.Numbers;
import dev.chainrule.runtime.WeightsJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code chainrule evaluate}: the figures of saved weights, checked against the runtime's. */
class EvaluateCommandTest {

    @TempDir
    Path dir;

    @Test
    void irisLossAccuracyAndConfusionMatrix() throws IOException {
        Path weights = dir.resolve("iris.json");
        Path iris = Cli.sample("iris.yaml");
        Path csv = Cli.sample("data/iris.csv");
        Cli.run("train", iris, "--save-weights", weights, "--epochs", 3, "--quiet").assertOk();
        Path report = dir.resolve("eval.html");
        Cli.Result result = Cli.run("evaluate", iris, "--weights", weights, "--data", csv,
                "--report", report).assertOk();

        // the same figures, computed here with the runtime alone
        Network net = Networks.instantiate(Networks.parse(iris),
                dev.chainrule.codegen.Backend.BYTECODE);
        WeightsJson.read(weights.toFile()).applyTo(net);
        Dataset rows = CsvLoader.load(csv.toFile(), 4, 3, true);
        long[][] counts = Evaluation.confusion(net, rows);
        long right = counts[0][0] + counts[1][1] + counts[2][2];
        String[] lines = result.outLines();
        assertEquals("loss " + Numbers.readable(Evaluation.meanLoss(net, rows)) + " on 150 rows of "
                + rows.source(), lines[0]);
        assertEquals(String.format(java.util.Locale.ROOT, "accuracy %.2f%% (%d of 150)",
                100.0 * right / 150, right), lines[1]);
        assertEquals("confusion matrix (rows: true class, columns: predicted class)", lines[2]);
        assertEquals(EvaluateCommand.confusionText(counts), String.join("\n",
                java.util.Arrays.copyOfRange(lines, 2, 7)) + "\n");
        assertEquals("wrote " + report + " (report)", lines[7]);
        assertTrue(Files.readString(report).contains("<h2>Confusion matrix</h2>"));
    }

    @Test
    void confusionTextAlignsColumns() {
        assertEquals("confusion matrix (rows: true class, columns: predicted class)\n"
                + "         0    1\n"
                + "    0  120    3\n"
                + "    1    0    7\n",
                EvaluateCommand.confusionText(new long[][] {{120, 3}, {0, 7}}));
    }

    @Test
    void aRegressionPrintsItsLossOnly() throws IOException {
        Path weights = dir.resolve("xor.json");
        Cli.run("train", Cli.sample("xor.yaml"), "--save-weights", weights, "--quiet")
                .assertOk();
        String out = Cli.run("evaluate", Cli.sample("xor.yaml"), "--weights", weights)
                .assertOk().out();
        assertTrue(out.matches("loss " + Numbers6g.PATTERN + " on 4 rows of \\S*xor.csv\n"), out);
    }
}
