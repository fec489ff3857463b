package dev.chainrule.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.spec.TrainingSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What README.md states that the code can check: it cannot drift from the code. */
class ReadmeTest {

    static final Path README = Path.of("../README.md");

    static String readme() throws IOException {
        return Files.readString(README);
    }

    @Test
    void trainingTableListsEveryKeyWithItsDefault() throws IOException {
        Map<String, String> table = new LinkedHashMap<>();
        Matcher row = Pattern.compile("(?m)^\\| `([a-z_]+)` \\| ([^|]+) \\|").matcher(readme());
        while (row.find()) {
            table.put(row.group(1), row.group(2).strip());
        }
        TrainingSpec d = TrainingSpec.DEFAULTS;
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("learning_rate", String.valueOf(d.learningRate()));
        expected.put("batch_size", String.valueOf(d.batchSize()));
        expected.put("epochs", String.valueOf(d.epochs()));
        expected.put("shuffle", String.valueOf(d.shuffle()));
        expected.put("seed", String.valueOf(d.seed()));
        expected.put("optimizer", d.optimizer().type().spelling());
        expected.put("schedule", d.schedule().type().spelling());
        expected.put("gradient_clip", d.gradientClip() == 0 ? "none" : "?");
        expected.put("validation_split", d.validationSplit() == 0 ? "none" : "?");
        expected.put("early_stopping", d.earlyStopping() == null ? "none" : "?");
        assertEquals(List.copyOf(expected.keySet()), TrainingSpec.keys());
        assertEquals(expected, table);
    }
}
