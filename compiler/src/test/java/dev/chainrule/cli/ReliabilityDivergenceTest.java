package dev.chainrule.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17's divergence cases: a sweep records a diverged trial and goes on (it used to end
 * with exit 70 and no results), and a loss that is not finite before any step is blamed on
 * the starting point, not on the learning rate.
 */
@Tag("reliability")
class ReliabilityDivergenceTest {

    /** A linear regression: with a learning rate of 1e30 its first step overflows. */
    private static final String LINEAR = """
            name: Lin
            input: 2
            layers:
              - {units: 1, activation: identity, bias: false}
            loss: squared_error
            training: {learning_rate: 0.01, batch_size: 1, epochs: 1, seed: 1}
            init:
              layer1.weight: [[0.5, -0.25]]
            data:
              train: lin.csv
            """;

    @TempDir
    Path dir;

    private Path yaml;

    @BeforeEach
    void write() throws IOException {
        yaml = Files.writeString(dir.resolve("lin.yaml"), LINEAR);
        Files.writeString(dir.resolve("lin.csv"), "1,2,3\n2,1,0\n-1,1,1\n");
    }

    /** What the run said about learning rate 1e30, up to its rate (whose format may vary). */
    private static final String DIVERGED_AT_1E30 = "(training.learning_rate=1e30): training"
            + " diverged in epoch 1, batch 2: the loss is infinite; try a smaller learning rate"
            + " (this one was ";

    @Test
    void aSweepRecordsADivergedTrialAndGoesOn() throws IOException {
        Path results = dir.resolve("r.csv");
        Path best = dir.resolve("best.json");
        Cli.Result result = Cli.run("sweep", yaml, "--set",
                "training.learning_rate=0.01,1e30", "--results", results, "--save-best", best);
        assertEquals(Main.EXIT_OK, result.status(), result.err());
        // lr 1e30: y = 0.5·1 − 0.25·2 = 0, loss ½·3² = 4.5, then w −= 1e30·(0 − 3)·x and
        // the next loss, ½(6e30 + 3e30 + …)², overflows float
        result.assertOneCleanLine("chainrule sweep: trial ");
        assertTrue(result.err().contains(DIVERGED_AT_1E30), result.err());
        String[] table = java.util.Arrays.stream(result.out().split("\n"))
                .filter(line -> !line.startsWith("wrote ")).toArray(String[]::new);
        assertEquals(3, table.length, result.out());
        assertTrue(table[1].contains("0.01") && !table[1].contains("diverged"), table[1]);
        assertTrue(table[2].contains("1e30") && table[2].endsWith("  diverged"), table[2]);
        // lr 0.01 by hand: losses 4.5; y = 0.87, 0.378450; y = −0.7113, 1.464274: mean 2.1142413
        String[] csv = Files.readString(results).split("\n");
        assertEquals("rank,trial,training.learning_rate,train_loss", csv[0]);
        assertTrue(csv[1].startsWith("1,") && csv[1].contains(",0.01,"), csv[1]);
        assertEquals(2.1142413, Double.parseDouble(csv[1].substring(csv[1].lastIndexOf(',') + 1)),
                1e-6);
        assertTrue(csv[2].startsWith("2,") && csv[2].endsWith(",1e30,diverged"), csv[2]);
        assertEquals(3, csv.length);
        assertEquals("{", Files.readString(best).substring(0, 1));
    }

    @Test
    void aSweepWhoseTrialsAllDivergeSaysSoAndSavesNothing() {
        Path best = dir.resolve("best.json");
        Cli.Result result = Cli.run("sweep", yaml, "--set", "training.learning_rate=1e30",
                "--save-best", best);
        assertEquals(TrainCommand.EXIT_DIVERGED, result.status());
        String[] err = result.err().split("\n");
        assertEquals(2, err.length, result.err());
        assertTrue(err[0].startsWith("chainrule sweep: trial ") && err[0].contains(
                DIVERGED_AT_1E30), err[0]);
        assertEquals("chainrule sweep: every trial diverged; no weights to save in " + best,
                err[1]);
        assertFalse(Files.exists(best));
    }

    @Test
    void aLossThatIsInfiniteAtTheStartIsNotBlamedOnTheLearningRate() throws IOException {
        Files.writeString(dir.resolve("lin.csv"), "1e20,2,3\n");
        Cli.Result result = Cli.run("train", yaml);
        assertEquals(TrainCommand.EXIT_DIVERGED, result.status());
        // (0.5·1e20)² overflows float
        result.assertOneCleanLine("training cannot start: in epoch 1, batch 1, the loss is"
                + " infinite at the starting weights, before any step (check the data and the"
                + " starting weights; the learning rate plays no part yet)");
    }

    @Test
    void aStepThatOverflowsAWeightIsBlamedAtItsBatch() {
        // lr 1e38: the first step adds 1e38·3·(1, 2) to the weights: 6e38 overflows float while
        // that batch's loss, 4.5, was finite; the next loss is the first that is not
        Cli.Result result = Cli.run("train", yaml, "--lr", "1e38");
        assertEquals(TrainCommand.EXIT_DIVERGED, result.status());
        result.assertOneCleanLine("training diverged in epoch 1, batch 1: its step left"
                + " parameter layer1.weight NaN or infinite (the batch's loss was finite); try a"
                + " smaller learning rate (this one was ");
    }
}
