package dev.chainrule.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictCommandTest {

    @TempDir
    Path dir;

    @Test
    void workedExampleAfterOneStep() {
        Path weights = dir.resolve("step1.json");
        Path description = Cli.sample("worked-example.yaml");
        Cli.run("train", description, "--save-weights", weights).assertOk();

        Cli.Result result = Cli.run("predict", description, "--weights", weights,
                "--data", Cli.sample("data/worked-example.csv")).assertOk();

        // h = W1 x = (0.395 + 0.72375, 2.195 + 1.47375); y = 0.86875 h1 + 0.601 h2
        double expected = 0.86875 * 1.11875 + 0.601 * 3.66875;
        assertEquals(3.1768328125, expected, 1e-15);
        assertEquals(1, result.outLines().length, result.out());
        assertEquals(expected, Double.parseDouble(result.outLines()[0]), 1e-12);
    }

    @Test
    void classifierPrintsProbabilitiesOneRowPerInputRow() {
        Path weights = dir.resolve("iris.json");
        Path description = Cli.sample("iris.yaml");
        Cli.run("train", description, "--epochs", 5, "--save-weights", weights).assertOk();

        Cli.Result result = Cli.run("predict", description, "--weights", weights,
                "--data", Cli.sample("data/iris.csv")).assertOk();

        String[] rows = result.outLines();
        assertEquals(150, rows.length);
        for (String row : rows) {
            String[] fields = row.split(",");
            assertEquals(3, fields.length, row);
            double sum = 0;
            for (String field : fields) {
                double p = Double.parseDouble(field);
                assertTrue(p >= 0 && p <= 1, row);
                sum += p;
            }
            assertEquals(1, sum, 1e-5, row);
        }
    }

    @Test
    void logitsOutputLayerStillPrintsProbabilities() throws IOException {
        Path description = dir.resolve("logits.yaml");
        Files.writeString(description, Files.readString(Cli.sample("iris.yaml"))
                .replace("activation: softmax", "activation: identity")
                .replace("data/iris.csv", Cli.sample("data/iris.csv").toString()));
        Path weights = dir.resolve("logits.json");
        Cli.run("train", description, "--epochs", 2, "--save-weights", weights).assertOk();

        String[] rows = Cli.run("predict", description, "--weights", weights, "--data",
                Cli.sample("data/iris.csv")).assertOk().outLines();

        for (String row : rows) {
            double sum = 0;
            for (String field : row.split(",")) {
                sum += Double.parseDouble(field);
            }
            assertEquals(1, sum, 1e-5, row);
        }
    }

    @Test
    void extraColumnsAreIgnored() throws IOException {
        Path weights = dir.resolve("xor.json");
        Path description = Cli.sample("xor.yaml");
        Cli.run("train", description, "--epochs", 2, "--save-weights", weights).assertOk();
        Path plain = dir.resolve("plain.csv");
        Path extra = dir.resolve("extra.csv");
        Files.writeString(plain, "0,1\n1,1\n");
        Files.writeString(extra, "a,b,label,id\n0,1,1,first\n1,1,0,second\n");

        String fromPlain = Cli.run("predict", description, "--weights", weights,
                "--data", plain).assertOk().out();
        String fromExtra = Cli.run("predict", description, "--weights", weights,
                "--data", extra).assertOk().out();

        assertEquals(fromPlain, fromExtra);
        assertEquals(2, fromPlain.split("\n").length);
    }

    @Test
    void numbersReadBackExactly() {
        assertEquals("0.1", PredictCommand.format(0.1f, false));
        assertEquals("0.1", PredictCommand.format(0.1, true));
        double third = 1.0 / 3;
        assertEquals(third, Double.parseDouble(PredictCommand.format(third, true)));
        float f = 1.0f / 3;
        assertEquals(f, (float) Double.parseDouble(PredictCommand.format(f, false)));
        // one format: a small probability is a plain decimal too, not 1.2E-5 among 0.98s
        assertEquals("0.000012", PredictCommand.format(1.2e-5f, false));
        assertEquals("nan", PredictCommand.format(Double.NaN, true));
    }

    @Test
    void weightsOfAnotherNetworkAreRejected() {
        Path weights = dir.resolve("xor.json");
        Cli.run("train", Cli.sample("xor.yaml"), "--save-weights", weights, "--epochs", 1)
                .assertOk();

        Cli.Result result = Cli.run("predict", Cli.sample("iris.yaml"), "--weights", weights,
                "--data", Cli.sample("data/iris.csv"));

        result.assertUserError(weights.toString());
        assertEquals("", result.out());
    }

    @Test
    void missingWeightsFile() {
        Path missing = dir.resolve("missing.json");
        Cli.run("predict", Cli.sample("xor.yaml"), "--weights", missing, "--data",
                Cli.sample("data/xor.csv")).assertUserError(missing + ": file not found");
    }

    @Test
    void formatsInputAndStdin() throws IOException {
        Path weights = dir.resolve("iris.json");
        Path iris = Cli.sample("iris.yaml");
        Cli.run("train", iris, "--save-weights", weights, "--epochs", 5).assertOk();
        String plain = Cli.run("predict", iris, "--weights", weights, "--data",
                Cli.sample("data/iris.csv")).assertOk().out();
        String first = plain.substring(0, plain.indexOf('\n'));
        double[] p = java.util.Arrays.stream(first.split(",")).mapToDouble(Double::parseDouble)
                .toArray();
        int predicted = dev.chainrule.runtime.Evaluation.argmax(p);
        // --input: the first row of iris.csv alone gives its row of the file run
        assertEquals(first + "\n", Cli.run("predict", iris, "--weights", weights, "--input",
                "5.1,3.5,1.4,0.2").assertOk().out());
        assertEquals("y0,y1,y2,class\n" + first + "," + predicted + "\n", Cli.run("predict",
                iris, "--weights", weights, "--input", "5.1,3.5,1.4,0.2", "--format", "csv")
                .assertOk().out());
        assertEquals("[\n{\"y\": [" + first.replace(",", ", ") + "], \"class\": " + predicted
                + "}\n]\n", Cli.run("predict", iris, "--weights", weights, "--input",
                "5.1,3.5,1.4,0.2", "--format", "json").assertOk().out());
        // --data -: the same rows from standard input
        java.io.InputStream stdin = System.in;
        try {
            System.setIn(Files.newInputStream(Cli.sample("data/iris.csv")));
            assertEquals(plain, Cli.run("predict", iris, "--weights", weights, "--data", "-")
                    .assertOk().out());
        } finally {
            System.setIn(stdin);
        }
        Cli.run("predict", iris, "--weights", weights).assertUserError("chainrule predict:"
                + " give the inputs with --data FILE (or - for stdin) or with --input"
                + " X1,X2,..., not neither");
        Cli.run("predict", iris, "--weights", weights, "--input", "1,2").assertUserError(
                "chainrule predict: --input: expected 4 numbers, got 2");
    }

    @Test
    void weightsAndDataAreRequired() {
        Cli.run("predict", Cli.sample("xor.yaml"), "--data", Cli.sample("data/xor.csv"))
                .assertUserError("chainrule predict: missing required option: '--weights");
    }

    @Test
    void shortRowIsOneLocatedLine() throws IOException {
        Path weights = dir.resolve("xor.json");
        Cli.run("train", Cli.sample("xor.yaml"), "--save-weights", weights, "--epochs", 1)
                .assertOk();
        Path csv = dir.resolve("short.csv");
        Files.writeString(csv, "0,1\n1\n");

        Cli.Result result = Cli.run("predict", Cli.sample("xor.yaml"), "--weights", weights,
                "--data", csv).assertUserError(csv + ":2");
        assertEquals("", result.out());
    }
}
