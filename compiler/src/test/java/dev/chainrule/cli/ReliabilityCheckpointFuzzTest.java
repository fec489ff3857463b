package dev.chainrule.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.description.TextDamage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Valid checkpoints, mutated (characters deleted, inserted or replaced; a field's value swapped
 * for a hostile one), are either resumed (exit 0) or refused with one located line starting
 * with the file's name (exit 2). Never an internal error (exit 70), never a stack trace.
 */
@Tag("reliability")
class ReliabilityCheckpointFuzzTest {

    private static final List<String> PIECES = List.of("{", "}", "[", "]", ",", ":", "\"",
            "-", "0", "1", "9", ".", "e", "E", "+", "a", "=", "!", " ", "\n", "null", "true",
            "NaN", "\\u0000", "1e400", "-1");
    private static final List<String> VALUES = List.of("-1", "0", "1e400", "-1e400", "2.5",
            "1e15", "\"abc\"", "\"NaN\"", "\"-Infinity\"", "\"-5\"", "\"1e999\"", "[]", "[[\"a\"]]",
            "{}", "null", "true", "\"\"", "[1, 1]", "{\"hidden.weight\": \"AAAA\"}",
            "{\"hidden.weight\": 1}", "{\"x\": \"AAAAAAAAAAA=\"}", "[{}]", "9007199254740993");
    private static final AtomicInteger RESUMED = new AtomicInteger();
    private static final AtomicInteger REFUSED = new AtomicInteger();

    private static Path dir;
    private static IrisRun iris;
    private static String valid;

    @BeforeContainer
    static void trainOneEpoch() throws IOException {
        dir = Files.createTempDirectory("checkpoint-fuzz");
        iris = new IrisRun(dir);
        valid = Files.readString(iris.checkpointAfterOneEpoch("valid.json"));
    }

    @AfterContainer
    static void report() {
        System.out.println("ReliabilityCheckpointFuzzTest: " + (RESUMED.get() + REFUSED.get())
                + " mutated checkpoints: " + RESUMED.get() + " resumed, " + REFUSED.get()
                + " refused with a located line, 0 internal errors");
    }

    @Property(tries = 200)
    void aMutatedCheckpointResumesOrIsRefusedInOneLine(@ForAll("mutated") String text) {
        Path file = dir.resolve("m.json");
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Cli.Result result = iris.resume(file);
        if (result.status() == Main.EXIT_OK) {
            assertEquals("", result.err());
            RESUMED.incrementAndGet();
        } else {
            result.assertUserError(file.toString());
            assertTrue(result.err().startsWith(file + ":"), result.err());
            REFUSED.incrementAndGet();
        }
    }

    @Provide
    Arbitrary<String> mutated() {
        return Arbitraries.randomValue(random -> random.nextBoolean()
                ? TextDamage.damage(random, valid, PIECES, 3) : swapValue(random, valid));
    }

    /** One top-level field's value (up to its line's end) replaced by a hostile value. */
    private static String swapValue(Random random, String text) {
        String[] lines = text.split("\n", -1);
        int line = 1 + random.nextInt(lines.length - 3); // a field line, not the braces
        int colon = lines[line].indexOf("\": ");
        if (colon < 0) {
            return text;
        }
        boolean comma = lines[line].endsWith(",");
        lines[line] = lines[line].substring(0, colon + 3)
                + VALUES.get(random.nextInt(VALUES.size())) + (comma ? "," : "");
        return String.join("\n", lines);
    }
}
