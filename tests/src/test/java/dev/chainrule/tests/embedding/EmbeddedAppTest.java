package dev.chainrule.tests.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample app in a JVM of its own whose class path is the app with its generated trainer and
 * the runtime, nothing else: the generated code needs no compiler, no library, at run time.
 */
class EmbeddedAppTest {

    @TempDir
    Path directory;

    @Test
    void trainsSavesReloadsAndPredictsWithOnlyTheRuntimeBesideIt() throws Exception {
        String classPath = Artifacts.samples() + File.pathSeparator + Artifacts.runtime();
        Path weights = directory.resolve("iris.weights.json");
        Path output = directory.resolve("out.txt");
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath,
                "dev.chainrule.samples.App",
                Artifacts.sampleData().resolve("iris.csv").toString(),
                weights.toString())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().remove("CLASSPATH");
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("JDK_JAVA_OPTIONS");

        Process app = builder.start();
        assertTrue(app.waitFor(2, TimeUnit.MINUTES), "the app did not finish in 2 minutes");
        String printed = Files.readString(output, StandardCharsets.UTF_8);

        assertEquals(0, app.exitValue(), printed);
        Matcher trained = Pattern.compile("Trained: accuracy ([0-9.]+)%").matcher(printed);
        assertTrue(trained.find(), printed);
        assertTrue(Double.parseDouble(trained.group(1)) >= 95, printed);
        assertTrue(printed.contains("loaded it into a fresh Iris: accuracy " + trained.group(1)
                + "%, same predictions"), printed);
        // the app shuffles the rows before its validation split: row 1 is some flower
        assertTrue(printed.matches("(?s).*Row 1: predicted species (\\d) \\(p = [0-9.]+\\),"
                + " labelled \\1\\R.*"), printed);
        Matcher validation = Pattern.compile("validation accuracy ([0-9.]+)%").matcher(printed);
        assertTrue(validation.find() && Double.parseDouble(validation.group(1)) >= 90, printed);
        assertTrue(Files.readString(weights).contains("\"hidden.weight\""));
    }
}
