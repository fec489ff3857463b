package dev.chainrule.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The small samples learn what their comments promise (MNIST is left to the tests module). */
class SamplesTest {

    @TempDir
    Path dir;

    @Test
    void xorIsLearned() {
        Path weights = dir.resolve("xor.json");
        Cli.run("train", Cli.sample("xor.yaml"), "--save-weights", weights).assertOk();

        String[] outputs = Cli.run("predict", Cli.sample("xor.yaml"), "--weights", weights,
                "--data", Cli.sample("data/xor.csv")).assertOk().outLines();

        double[] expected = {0, 1, 1, 0};
        assertEquals(4, outputs.length);
        for (int row = 0; row < 4; row++) {
            assertEquals(expected[row], Double.parseDouble(outputs[row]), 0.2, "row " + row);
        }
    }

    @Test
    void digitsReach90PercentOnTheHeldOutSplit() {
        String[] lines = Cli.run("train", Cli.sample("digits.yaml")).assertOk().outLines();

        Matcher test = Pattern.compile("test acc (\\d+\\.\\d\\d)%")
                .matcher(lines[lines.length - 1]);
        assertTrue(test.find(), lines[lines.length - 1]);
        assertTrue(Double.parseDouble(test.group(1)) > 90, lines[lines.length - 1]);
    }

    @Test
    void sigmoid232FitsItsPoints() {
        String[] lines = Cli.run("train", Cli.sample("sigmoid-232.yaml")).assertOk().outLines();

        Matcher loss = Pattern.compile("loss (\\d+\\.\\d+)").matcher(lines[lines.length - 1]);
        assertTrue(loss.find());
        assertTrue(Double.parseDouble(loss.group(1)) < 0.01, lines[lines.length - 1]);
    }
}
