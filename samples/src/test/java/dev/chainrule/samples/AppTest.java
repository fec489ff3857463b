package dev.chainrule.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppTest {

    static final File DATA = new File(System.getProperty("chainrule.samples.data", "data"));

    @TempDir
    File directory;

    @Test
    void trainsIrisSavesAndReloadsTheWeights() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        File weights = new File(directory, "iris.weights.json");

        App.Result result = App.run(new File(DATA, "iris.csv"), weights,
                new PrintStream(printed, true, "UTF-8"));

        // iris.yaml's settings with a 20% validation split of the shuffled rows (the README's
        // embedding example): the held-out rows hold every species, so the figure means something.
        assertTrue(result.validationAccuracy >= 0.9, "validation " + result.validationAccuracy);
        assertTrue(result.trainedAccuracy >= 0.95, "train accuracy " + result.trainedAccuracy);
        assertEquals(result.trainedAccuracy, result.reloadedAccuracy);
        assertTrue(result.samePredictions);
        assertTrue(weights.isFile());
        String out = new String(printed.toByteArray(), StandardCharsets.UTF_8);
        assertTrue(out.contains("Training Iris on 150 rows"), out);
        assertTrue(out.matches("(?s).*Row 1: predicted species (\\d) \\(p = [0-9.]+\\), labelled \\1\\n.*"),
                out);
    }
}
