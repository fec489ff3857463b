package dev.chainrule.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer killed (SIGKILL, {@code destroyForcibly}) in the middle of its writes leaves the
 * target whole (some version it finished, 8 MB of one letter) and at most its own temporary
 * file, which the next write of the target deletes.
 */
@Tag("reliability")
class OutputFileKillTest {

    private static final int KILLS = 5;

    @TempDir
    Path dir;

    @Test
    void aKilledWriterLeavesAWholeFileAndTheNextWriteCleansUp() throws Exception {
        Path target = dir.resolve("w.json");
        int strayTemporaries = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            Process child = new ProcessBuilder(
                    new File(System.getProperty("java.home"), "bin/java").getPath(), "-cp",
                    System.getProperty("java.class.path"), KilledWriter.class.getName(),
                    target.toString()).redirectError(dir.resolve("err.log").toFile()).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(
                    child.getInputStream(), StandardCharsets.UTF_8));
            // After some finished versions, kill it once its next temporary file exists:
            // in the middle of writing it (or, rarely, of renaming it).
            for (int k = 0; k <= kill; k++) {
                String line = out.readLine();
                assertTrue(line != null && line.startsWith("wrote "), "child said " + line
                        + "; its stderr: " + new String(Files.readAllBytes(dir.resolve(
                                "err.log")), StandardCharsets.UTF_8));
            }
            while (temporaries().isEmpty() && child.isAlive()) {
                Thread.yield();
            }
            child.destroyForcibly().waitFor();

            byte[] left = Files.readAllBytes(target);
            assertEquals(8 << 20, left.length);
            byte[] whole = OutputFileTest.filled((char) left[0], left.length);
            assertTrue(Arrays.equals(whole, left), "the target is one finished version");
            strayTemporaries += temporaries().size();
            assertTrue(temporaries().size() <= 1 + kill, "one per killed writer at most");
        }
        OutputFile.write(target.toFile(), "after".getBytes(StandardCharsets.UTF_8));

        assertEquals(Collections.emptyList(), temporaries());
        assertEquals(Arrays.asList("err.log", "w.json"), names());
        System.out.println("OutputFileKillTest: " + KILLS + " writers killed mid-run, "
                + strayTemporaries + " temporary files left by them, all deleted by the next"
                + " write; the target was whole every time");
    }

    private List<String> temporaries() throws IOException {
        return names().stream().filter(n -> n.startsWith(".w.json.chainrule-"))
                .collect(Collectors.toList());
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted()
                    .collect(Collectors.toList());
        }
    }
}
