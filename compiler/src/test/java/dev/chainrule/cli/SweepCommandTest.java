package dev.chainrule.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.runtime.Weights;
import dev.chainrule.runtime.WeightsJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepCommandTest {

    @TempDir
    Path dir;

    @Test
    void trainsEveryCombinationAndRanksThemByTrainingLossWithoutATestSet() throws Exception {
        Path csv = dir.resolve("sweep.csv");
        Path best = dir.resolve("best.json");
        Cli.Result result = Cli.run("sweep", Cli.sample("iris.yaml"),
                "--set", "training.learning_rate=0.1,0.01", "--set", "layers[0].units=4,8",
                "--set", "training.epochs=5", "--threads", 2,
                "--results", csv, "--save-best", best).assertOk();

        String[] lines = result.outLines();
        assertEquals(7, lines.length, result.out());
        assertEquals("wrote " + csv + " (results)", lines[5]);
        assertEquals("wrote " + best + " (weights of the best trial)", lines[6]);
        assertEquals("rank  trial  training.learning_rate  layers[0].units  training.epochs"
                + "  train loss  train acc", lines[0]);
        List<String> rows = Files.readAllLines(csv);
        assertEquals("rank,trial,training.learning_rate,layers[0].units,training.epochs,"
                + "train_loss,train_accuracy", rows.get(0));
        double previous = Double.NEGATIVE_INFINITY;
        for (String row : rows.subList(1, rows.size())) {
            double loss = Double.parseDouble(row.split(",")[5]);
            assertTrue(loss >= previous, "sorted by training loss: " + rows);
            previous = loss;
        }
        // The best trial's weights are those of chainrule train with the same settings.
        String[] top = rows.get(1).split(",");
        Path trained = dir.resolve("train.json");
        Cli.run("train", withUnits(Integer.parseInt(top[3])), "--lr", top[2], "--epochs", 5,
                "--data", Cli.sample("data/iris.csv"), "--save-weights", trained).assertOk();
        Weights expected = WeightsJson.read(trained.toFile());
        Weights actual = WeightsJson.read(best.toFile());
        for (String name : expected.names()) {
            assertArrayEquals(expected.values(name), actual.values(name), 0.0, name);
        }
    }

    /** A conv description sweeps its image keys; the best trial is what train gives. */
    @Test
    void sweepsAConvNetworksFilters() throws Exception {
        Path conv = ConvDigits.write(dir);
        Path best = dir.resolve("best.json");
        Cli.Result result = Cli.run("sweep", conv, "--set", "layers[0].filters=2,4",
                "--set", "training.epochs=1", "--threads", 1, "--save-best", best).assertOk();
        String[] lines = result.outLines();
        assertEquals("rank  trial  layers[0].filters  training.epochs  train loss  train acc"
                + "  test loss  test acc", lines[0]);
        assertEquals(4, lines.length, result.out());
        String filters = lines[1].strip().split("\\s+")[2];
        Path trained = dir.resolve("train.json");
        Cli.run("train", Files.writeString(dir.resolve("conv-best.yaml"), Files.readString(conv)
                        .replace("filters: 4", "filters: " + filters)), "--epochs", 1,
                "--save-weights", trained).assertOk();
        Weights expected = WeightsJson.read(trained.toFile());
        Weights actual = WeightsJson.read(best.toFile());
        assertEquals(List.of("conv.weight", "conv.bias", "output.weight", "output.bias"),
                List.copyOf(expected.names()));
        for (String name : expected.names()) {
            assertArrayEquals(expected.values(name), actual.values(name), 0.0, name);
        }
    }

    private Path withUnits(int units) throws Exception {
        String text = Files.readString(Cli.sample("iris.yaml"))
                .replace("units: 8, activation: tanh", "units: " + units + ", activation: tanh");
        return Files.writeString(dir.resolve("iris-" + units + ".yaml"), text);
    }

    @Test
    void ranksByTestAccuracyWithATestSet() {
        Cli.Result result = Cli.run("sweep", Cli.sample("digits.yaml"),
                "--set", "training.epochs=1,2", "--threads", 1).assertOk();
        String[] lines = result.outLines();
        assertTrue(lines[0].endsWith("test loss  test acc"), lines[0]);
        assertEquals(3, lines.length);
        // trials are numbered from 1, like epochs and batches: 1 for epochs=1, 2 for epochs=2
        for (String line : List.of(lines[1], lines[2])) {
            String[] cells = line.strip().split("\\s+");
            assertEquals(cells[2], cells[1], line);
        }
    }

    @Test
    void anUnknownKeyIsALocatedOneLineErrorBeforeAnythingTrains() {
        Cli.run("sweep", Cli.sample("iris.yaml"), "--set", "training.lerning_rate=0.1,0.2")
                .assertUserError(Cli.sample("iris.yaml") + ": --set training.lerning_rate=0.1:"
                        + " unknown key 'lerning_rate' in training (did you mean"
                        + " 'learning_rate'?)");
    }

    @Test
    void anIndexPastTheListIsLocatedAtTheList() {
        Cli.run("sweep", Cli.sample("iris.yaml"), "--set", "layers[2].units=3")
                .assertUserError(Cli.sample("iris.yaml") + ":8:3: --set layers[2].units=3:"
                        + " layers has 2 items, no index 2");
    }

    @Test
    void aBadValueNamesTheSetting() {
        Cli.run("sweep", Cli.sample("iris.yaml"), "--set", "layers[0].units=8,0")
                .assertUserError(Cli.sample("iris.yaml") + ": --set layers[0].units=0:"
                        + " layers[0].units: must be at least 1, got 0");
    }

    @Test
    void aSettingWithoutAValueIsAUsageError() {
        Cli.run("sweep", Cli.sample("iris.yaml"), "--set", "training.seed")
                .assertUserError("--set training.seed: expected KEY=VALUE");
    }

    @Test
    void sparkWithoutTheSparkModuleSaysHowToRunIt() {
        Cli.run("sweep", Cli.sample("iris.yaml"), "--set", "training.seed=1", "--spark",
                "local[2]").assertUserError("chainrule sweep: --spark needs chainrule-spark");
    }
}
