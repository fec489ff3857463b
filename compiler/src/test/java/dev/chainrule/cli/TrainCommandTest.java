package dev.chainrule.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.runtime.EpochResult;
import dev.chainrule.runtime.Weights;
import dev.chainrule.runtime.WeightsJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {

    private static final Pattern LINE = Pattern.compile(
            "epoch +\\d+/\\d+  loss " + Numbers6g.PATTERN + "(  train acc \\d+\\.\\d\\d%)?"
                    + "(  test acc \\d+\\.\\d\\d%|  test loss " + Numbers6g.PATTERN
                    + ")?  [\\d,]+ samples/s");

    @TempDir
    Path dir;

    @Test
    void workedExampleTakesTheTextbookStep() {
        Path weights = dir.resolve("step1.json");
        Cli.Result result = Cli.run("train", Cli.sample("worked-example.yaml"),
                "--save-weights", weights).assertOk();

        assertEquals(2, result.outLines().length, result.out());
        assertTrue(result.out().startsWith("epoch 1/1  loss 0.55125  "), result.out());
        assertEquals("wrote " + weights + " (weights)", result.outLines()[1]);
        Weights saved = WeightsJson.read(weights.toFile());
        assertArrayEquals(new double[] {0.86875, 0.601}, saved.values("output.weight"), 1e-12);
        assertArrayEquals(new double[] {0.395, 1.4475, 2.195, 2.9475},
                saved.values("hidden.weight"), 1e-12);
    }

    @Test
    void initWeightsContinueFromASavedStep() {
        Path step1 = dir.resolve("step1.json");
        Path step2 = dir.resolve("step2.json");
        Path twoEpochs = dir.resolve("two.json");
        Path description = Cli.sample("worked-example.yaml");
        Cli.run("train", description, "--save-weights", step1).assertOk();
        Cli.run("train", description, "--init-weights", step1, "--save-weights", step2)
                .assertOk();
        Cli.run("train", description, "--epochs", 2, "--save-weights", twoEpochs).assertOk();

        Weights continued = WeightsJson.read(step2.toFile());
        Weights direct = WeightsJson.read(twoEpochs.toFile());
        assertArrayEquals(direct.values("hidden.weight"), continued.values("hidden.weight"));
        assertArrayEquals(direct.values("output.weight"), continued.values("output.weight"));
    }

    @Test
    void flagsOverrideTheDescription() {
        Cli.Result result = Cli.run("train", Cli.sample("worked-example.yaml"), "--epochs", 3,
                "--lr", 0.01, "--batch", 1, "--seed", 5, "--no-shuffle").assertOk();

        String[] lines = result.outLines();
        assertEquals(3, lines.length, result.out());
        for (String line : lines) {
            assertTrue(LINE.matcher(line).matches(), line);
        }
        assertTrue(lines[2].startsWith("epoch 3/3  "), lines[2]);
    }

    @Test
    void everyPrintsEveryNthEpochAndTheLast() {
        Cli.Result result = Cli.run("train", Cli.sample("xor.yaml"), "--epochs", 25,
                "--every", 10).assertOk();

        String[] lines = result.outLines();
        assertEquals(3, lines.length, result.out());
        assertTrue(lines[0].startsWith("epoch 10/25  "), lines[0]);
        assertTrue(lines[2].startsWith("epoch 25/25  "), lines[2]);
    }

    @Test
    void irisReaches95PercentTrainingAccuracy() {
        Cli.Result result = Cli.run("train", Cli.sample("iris.yaml")).assertOk();

        String[] lines = result.outLines();
        String last = lines[lines.length - 1];
        assertTrue(LINE.matcher(last).matches(), last);
        Matcher accuracy = Pattern.compile("train acc (\\d+\\.\\d\\d)%").matcher(last);
        assertTrue(accuracy.find(), last);
        assertTrue(Double.parseDouble(accuracy.group(1)) >= 95.0, last);
    }

    @Test
    void aTestSetAddsTestAccuracy() {
        Path iris = Cli.sample("data/iris.csv");
        Cli.Result result = Cli.run("train", Cli.sample("iris.yaml"), "--epochs", 2,
                "--data", iris, "--test", iris).assertOk();

        for (String line : result.outLines()) {
            assertTrue(LINE.matcher(line).matches() && line.contains("  test acc "), line);
        }
    }

    @Test
    void epochLineFormat() {
        EpochResult classifier = new EpochResult(1, 5, 0.3124564, 0.91234, 0.2, 0.921, 48210.4, 1);
        EpochResult regression = new EpochResult(7, 10, 0.5, Double.NaN, 0.25, Double.NaN, 999, 1);
        EpochResult plain = new EpochResult(3, 3, 0.5, Double.NaN, Double.NaN, Double.NaN, 1e6, 1);

        assertEquals("epoch 1/5  loss 0.312456  train acc 91.23%  test acc 92.10%"
                + "  48,210 samples/s", TrainCommand.line(classifier));
        assertEquals("epoch  7/10  loss 0.5  test loss 0.25  999 samples/s",
                TrainCommand.line(regression));
        assertEquals("epoch 3/3  loss 0.5  1,000,000 samples/s", TrainCommand.line(plain));
        // a diverging run's last loss: %.6g, not the 115 digits of %f
        EpochResult huge = new EpochResult(2, 2, 3.2e115, Double.NaN, Double.NaN, Double.NaN,
                10, 1);
        assertEquals("epoch 2/2  loss 3.2e+115  10 samples/s", TrainCommand.line(huge));
        EpochResult infinite = new EpochResult(1, 1, Double.POSITIVE_INFINITY, Double.NaN,
                Double.NaN, Double.NaN, 10, 1);
        assertEquals("epoch 1/1  loss inf  10 samples/s", TrainCommand.line(infinite));
    }

    @Test
    void badCsvRowIsOneLocatedLineAndNoWeightsFile() throws IOException {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "x1,x2,y\n0,0,0\n0,abc,1\n");
        Path weights = dir.resolve("w.json");

        Cli.run("train", Cli.sample("xor.yaml"), "--data", csv, "--save-weights", weights)
                .assertUserError(csv + ":3:3: ");
        assertNoFiles(weights);
    }

    @Test
    void missingDataFile() {
        Path missing = dir.resolve("missing.csv");
        Cli.run("train", Cli.sample("xor.yaml"), "--data", missing)
                .assertUserError(missing + ": file not found");
    }

    @Test
    void missingDescription() {
        Path missing = dir.resolve("missing.yaml");
        Cli.run("train", missing).assertUserError(missing + ": file not found");
    }

    @Test
    void unknownActivationIsReportedWhereItIs() throws IOException {
        Path description = dir.resolve("net.yaml");
        Files.writeString(description, "name: Net\ninput: 2\nlayers:\n"
                + "  - {units: 2, activation: rleu}\nloss: mse\n");

        Cli.Result result = Cli.run("train", description, "--data", Cli.sample("data/xor.csv"))
                .assertUserError(description + ":4:28: layers[0].activation: unknown activation"
                        + " 'rleu'");
        assertTrue(result.err().contains("did you mean 'relu'?"), result.err());
    }

    @Test
    void aFloatMinibatchRunSaysWhichKernelsRun() throws IOException {
        Path description = dir.resolve("net.yaml");
        Files.writeString(description, "name: Net\nprecision: float\ninput: 2\nlayers:\n"
                + "  - {units: 1, activation: sigmoid}\nloss: mse\n");
        Path csv = Cli.sample("data/xor.csv");

        String[] lines = Cli.run("train", description, "--data", csv, "--epochs", 2, "--batch", 4)
                .assertOk().outLines();
        // whichever kernels this JVM chose (off in the build's test run without the module),
        // after the first speed only
        String simd = " (simd: " + dev.chainrule.runtime.BatchKernels.LIVE.simd() + ")";
        assertTrue(lines[0].endsWith(" samples/s" + simd), lines[0]);
        assertTrue(LINE.matcher(lines[0].substring(0, lines[0].length() - simd.length()))
                .matches(), lines[0]);
        assertTrue(LINE.matcher(lines[1]).matches(), lines[1]);
        // per-sample SGD never runs the minibatch kernels: nothing to say
        String[] perSample = Cli.run("train", description, "--data", csv, "--epochs", 1,
                "--batch", 1).assertOk().outLines();
        assertTrue(LINE.matcher(perSample[0]).matches(), perSample[0]);
    }

    @Test
    void badFlagValues() {
        Path xor = Cli.sample("xor.yaml");
        Cli.run("train", xor, "--epochs", "abc").assertUserError(
                "chainrule train: invalid value for option '--epochs': 'abc' is not an int");
        Cli.run("train", xor, "--epochs", 0).assertUserError(
                "chainrule train: --epochs must be at least 1, got 0");
        Cli.run("train", xor, "--lr", -1).assertUserError(
                "chainrule train: --lr must be a finite number > 0");
        Cli.run("train", xor, "--batch", 0).assertUserError(
                "chainrule train: --batch must be at least 1, got 0");
        Cli.run("train", xor, "--backend", "gpu").assertUserError(
                "chainrule train: invalid value for option '--backend'");
    }

    @Test
    void aDescriptionWithoutDataNeedsTheFlag() throws IOException {
        Path description = dir.resolve("net.yaml");
        Files.writeString(description, "name: Net\ninput: 2\nlayers:\n"
                + "  - {units: 1, activation: sigmoid}\nloss: mse\n");

        Cli.run("train", description).assertUserError(description + ": no training data");
    }

    @Test
    void weightsOfADivergedRunAreNotWritten() {
        Path weights = dir.resolve("w.json");
        Cli.Result result = Cli.run("train", Cli.sample("worked-example.yaml"), "--lr", 1e300,
                "--epochs", 3, "--save-weights", weights);

        assertEquals(TrainCommand.EXIT_DIVERGED, result.status(), result::err);
        result.assertOneCleanLine("training diverged in epoch ");
        assertTrue(result.err().contains("smaller learning rate"), result::err);
        assertNoFiles(weights);
    }

    @Test
    void sourceBackendTrainsTheSameAsBytecode() {
        Path description = Cli.sample("sigmoid-232.yaml");
        Cli.Result bytecode = Cli.run("train", description, "--epochs", 3).assertOk();
        Cli.Result source = Cli.run("train", description, "--epochs", 3, "--backend", "source")
                .assertOk();

        assertEquals(losses(bytecode.out()), losses(source.out()));
    }

    @Test
    void threadCountNeverChangesTheWeights() throws IOException {
        Path description = Cli.sample("digits.yaml");
        Path one = dir.resolve("one.json");
        Path three = dir.resolve("three.json");
        Cli.run("train", description, "--epochs", 2, "--batch", 50, "--threads", 1,
                "--save-weights", one).assertOk();
        Cli.run("train", description, "--epochs", 2, "--batch", 50, "--threads", 3,
                "--save-weights", three).assertOk();

        assertEquals(Files.readString(one), Files.readString(three));
    }

    private static String losses(String out) {
        return out.replaceAll("  [\\d,]+ samples/s", "");
    }

    private void assertNoFiles(Path expectedAbsent) {
        assertFalse(Files.exists(expectedAbsent), expectedAbsent + " exists");
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")),
                    "temporary files left in " + dir);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
