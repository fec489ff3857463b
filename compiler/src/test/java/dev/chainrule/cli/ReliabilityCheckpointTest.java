package dev.chainrule.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17's checkpoint cases: an edited or mismatched checkpoint is refused with a located
 * line (file:line:column: key: what was expected), never an internal error, and never believed.
 * The positions are those of the checkpoint {@link IrisRun} writes (one field per line).
 */
@Tag("reliability")
class ReliabilityCheckpointTest {

    @TempDir
    Path dir;

    private IrisRun iris;
    private Path checkpoint;
    private String text;

    @BeforeEach
    void trainOneEpoch() throws IOException {
        iris = new IrisRun(dir);
        checkpoint = iris.checkpointAfterOneEpoch("c.json");
        text = Files.readString(checkpoint);
    }

    /** Resumes from the checkpoint with {@code from} replaced by {@code to} (once, checked). */
    private Cli.Result resumeEdited(String from, String to) throws IOException {
        assertTrue(text.contains(from), from);
        Path edited = Files.writeString(dir.resolve("e.json"), text.replace(from, to));
        return iris.resume(edited);
    }

    @Test
    void theUneditedCheckpointResumes() {
        Cli.Result result = iris.resume(checkpoint).assertOk();
        assertTrue(result.out().startsWith("epoch 2/2 "), result.out());
    }

    @Test
    void aNegativeEpochCountIsRefused() throws IOException {
        resumeEdited("\"epochs_done\": 1", "\"epochs_done\": -1").assertUserError(
                dir.resolve("e.json") + ":8:18: epochs_done: expected a whole number >= 0,"
                        + " got -1");
    }

    @Test
    void aNegativeOrNaNLearningRateIsRefused() throws IOException {
        resumeEdited("\"learning_rate\": \"0.01\"", "\"learning_rate\": \"-5\"").assertUserError(
                dir.resolve("e.json") + ":9:20: learning_rate: expected a finite rate >= 0,"
                        + " got -5.0");
        resumeEdited("\"learning_rate\": \"0.01\"", "\"learning_rate\": \"NaN\"").assertUserError(
                dir.resolve("e.json") + ":9:20: learning_rate: expected a finite rate >= 0,"
                        + " got NaN");
        resumeEdited("\"learning_rate\": \"0.01\"", "\"learning_rate\": 0.01").assertUserError(
                dir.resolve("e.json") + ":9:20: learning_rate: expected a number in a string"
                        + " (like \"0.01\", \"Infinity\"), got 0.01");
    }

    @Test
    void aNegativeStepCountIsRefused() throws IOException {
        resumeEdited("\"optimizer_steps\": 15", "\"optimizer_steps\": -3").assertUserError(
                dir.resolve("e.json") + ":12:22: optimizer_steps: expected a whole number >= 0,"
                        + " got -3");
    }

    @Test
    void malformedHistoryAndOptimizerStateAreLocated() throws IOException {
        String entry = text.substring(text.indexOf("[1, 1, "), text.lastIndexOf("]]") + 1);
        resumeEdited(entry, "[\"a\"]").assertUserError(dir.resolve("e.json")
                + ":18:14: history[0]: expected 11 entries (epoch, epochs and nine figures),"
                + " got 1");
        resumeEdited(entry, entry.replaceFirst("\"[^\"]*\"", "[\"a\"]")).assertUserError(
                dir.resolve("e.json") + ":18:14: history[0][2]: expected a number in a string"
                        + " (like \"0.01\", \"Infinity\"), got [a]");
        String state = text.substring(text.indexOf("[{\"hidden.weight\""),
                text.indexOf("]", text.indexOf("\"optimizer_state\"")) + 1);
        resumeEdited(state, "\"abc\"").assertUserError(dir.resolve("e.json")
                + ":13:22: optimizer_state: expected a list, got \"abc\"");
    }

    @Test
    void badBase64AndNaNWeightsAreRefused() throws IOException {
        String weights = "\"weights\": {\"hidden.weight\": \"";
        resumeEdited(weights, weights + "!").assertUserError(dir.resolve("e.json")
                + ":11:14: weights.hidden.weight: not Base64 (Illegal base64 character 21)");
        int at = text.indexOf(weights) + weights.length();
        // 8 bytes of NaN (0x7ff8000000000000) in Base64, in place of the first value
        String nan = text.substring(0, at) + "f/gAAAAAAAA" + text.substring(at + 11);
        assertEquals("f/gAAAAAAAA", nan.substring(at, at + 11));
        Files.writeString(dir.resolve("e.json"), nan);
        iris.resume(dir.resolve("e.json")).assertUserError(dir.resolve("e.json")
                + ":11:14: weights.hidden.weight: value 0 is NaN; a checkpoint holds finite"
                + " values only");
    }

    @Test
    void aChangedActivationIsNoticed() throws IOException {
        Files.writeString(iris.description, IrisRun.YAML.replace("tanh", "sigmoid"));
        iris.resume(checkpoint).assertUserError(checkpoint + ":4:18: description: this"
                + " checkpoint was written for another description (its layers, activations,"
                + " loss, precision or graph differ from this one's)");
    }

    @Test
    void aChangedPrecisionIsNoticed() throws IOException {
        Files.writeString(iris.description, IrisRun.YAML.replace("input: 4",
                "input: 4\nprecision: double"));
        iris.resume(checkpoint).assertUserError(checkpoint + ":4:18: description:");
    }

    @Test
    void initWeightsWithResumeIsAnError() {
        Cli.run("train", iris.description, "--resume", checkpoint, "--init-weights",
                checkpoint).assertUserError("chainrule train: --init-weights and --resume both"
                + " give the starting weights; a resumed run continues from its checkpoint's");
    }

    @Test
    void aFinishedRunHasNothingToTrainAndSaysSo() throws IOException {
        Path weights = dir.resolve("w.json");
        Cli.Result result = Cli.run("train", iris.description, "--epochs", 1, "--resume",
                checkpoint, "--save-weights", weights).assertOk();
        assertEquals(checkpoint + ": 1 epoch is done already (--epochs 1); nothing to train"
                + " (give --epochs above 1 to train on)", result.outLines()[0]);
        assertTrue(Files.readString(weights).startsWith("{\n  \"hidden.weight\""));
    }

    @Test
    void aHistoryThatDisagreesWithTheEpochCountIsRefused() throws IOException {
        resumeEdited("\"epochs_done\": 1", "\"epochs_done\": 2").assertUserError(
                dir.resolve("e.json") + ":18:14: history: has entries for 1 epochs, but"
                        + " epochs_done is 2");
    }

    @Test
    void aFieldOfTheWrongTypeIsLocated() throws IOException {
        resumeEdited("\"train_rows\": 120", "\"train_rows\": \"x\"").assertUserError(
                dir.resolve("e.json") + ":6:17: train_rows: expected a whole number >= 0,"
                        + " got \"x\"");
        resumeEdited("\"stopped\": false", "\"stopped\": 0").assertUserError(
                dir.resolve("e.json") + ":10:14: stopped: expected true or false, got 0");
        resumeEdited("  \"wait\": 0,\n", "").assertUserError(dir.resolve("e.json")
                + ": damaged checkpoint: the field 'wait' is missing");
    }
}
