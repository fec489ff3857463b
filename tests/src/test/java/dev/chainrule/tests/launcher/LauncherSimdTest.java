package dev.chainrule.tests.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The {@code ./chainrule} launcher turns on the Vector API kernels where the JDK has them, and
 * the JDK's incubator warning does not reach the user: a bad input still gives one line on
 * stderr and exit status 2.
 */
class LauncherSimdTest {

    private record Run(int status, String out, String err) {}

    @Test
    void aBadInputIsStillOneLineAndStatusTwo() throws Exception {
        for (String simd : List.of("on", "off")) {
            Run run = launch(simd, "train", "no-such-net.yaml");
            assertEquals(2, run.status(), run.err());
            assertEquals("no-such-net.yaml: file not found\n", run.err(), "CHAINRULE_SIMD=" + simd);
        }
    }

    @Test
    void benchNamesThePathThatRuns() throws Exception {
        String expected = jdkHasVectorModule() ? "simd: " + (avx512() ? "512" : "256") + "-bit"
                : "simd: off";
        Run on = launch("on", "bench", root().resolve("samples/xor.yaml").toString(),
                "--seconds", "0.01", "--threads", "1");
        assertEquals(0, on.status(), on.err());
        assertEquals("", on.err());
        assertTrue(on.out().lines().findFirst().orElse("").endsWith(", " + expected), on.out());
        Run off = launch("off", "bench", root().resolve("samples/xor.yaml").toString(),
                "--seconds", "0.01", "--threads", "1");
        assertTrue(off.out().lines().findFirst().orElse("").endsWith(", simd: off"), off.out());
    }

    private static Run launch(String simd, String... args) throws IOException,
            InterruptedException {
        Path err = Files.createTempFile("launcher", ".err");
        Path out = Files.createTempFile("launcher", ".out");
        try {
            List<String> command = new java.util.ArrayList<>();
            command.add(root().resolve("chainrule").toString());
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectError(err.toFile()).redirectOutput(out.toFile());
            Map<String, String> env = builder.environment();
            env.put("CHAINRULE_SIMD", simd);
            env.remove("CHAINRULE_JAVA_OPTS");
            Process p = builder.start();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "launcher did not finish");
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(err);
            Files.deleteIfExists(out);
        }
    }

    /** What the launcher reads: the {@code release} file of the {@code java} on the PATH. */
    private static boolean jdkHasVectorModule() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("java", "--list-modules").redirectErrorStream(true).start();
        String modules = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return modules.lines().anyMatch(m -> m.startsWith("jdk.incubator.vector@"));
    }

    private static boolean avx512() throws IOException {
        Path cpu = Path.of("/proc/cpuinfo");
        return Files.isReadable(cpu) && Files.readString(cpu).contains(" avx512f");
    }

    private static Path root() {
        return Path.of(System.getProperty("chainrule.root", "..")).toAbsolutePath().normalize();
    }
}
