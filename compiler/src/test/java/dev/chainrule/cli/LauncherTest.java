package dev.chainrule.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./chainrule} launcher builds its jar when there is none and rebuilds it when a
 * source or pom is newer than the jar. Run on a copy of the script in a scratch checkout, with
 * stand-ins for {@code mvn} (logs the build, touches the jar) and {@code java} (prints "ran").
 */
class LauncherTest {

    @TempDir
    Path root;

    private Path jar;
    private Path log;

    private static void executable(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private void setUp() throws IOException {
        executable(root.resolve("chainrule"), Files.readString(Path.of("../chainrule")));
        Path bin = Files.createDirectories(root.resolve("bin"));
        jar = root.resolve("compiler/target/chainrule-compiler-0-cli.jar");
        log = root.resolve("mvn.log");
        executable(bin.resolve("mvn"), "#!/bin/sh\necho build >> '" + log + "'\n"
                + "mkdir -p '" + jar.getParent() + "' && touch '" + jar + "'\n");
        executable(bin.resolve("java"), "#!/bin/sh\necho ran\n");
        for (String pom : new String[] {"pom.xml", "runtime/pom.xml", "compiler/pom.xml"}) {
            Files.createDirectories(root.resolve(pom).getParent());
            Files.writeString(root.resolve(pom), "<project/>");
        }
        Path source = root.resolve("compiler/src/main/java/Main.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "class Main {}");
        Files.createDirectories(root.resolve("runtime/src/main"));
        FileTime old = FileTime.fromMillis(System.currentTimeMillis() - 60_000);
        try (var files = Files.walk(root)) {
            for (Path f : files.toList()) {
                Files.setLastModifiedTime(f, old);
            }
        }
    }

    private String[] run() throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", root.resolve("chainrule").toString(),
                "--version");
        Map<String, String> env = pb.environment();
        env.put("PATH", root.resolve("bin") + ":/usr/bin:/bin");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), err);
        return new String[] {out, err};
    }

    private long builds() throws IOException {
        return Files.exists(log) ? Files.readAllLines(log).size() : 0;
    }

    @Test
    void buildsOnceThenAgainOnlyWhenASourceIsNewerThanTheJar() throws Exception {
        setUp();
        String[] first = run();
        assertEquals("ran\n", first[0]);
        assertTrue(first[1].contains("building the command-line jar (first run only)"), first[1]);
        assertEquals(1, builds());

        assertEquals("", run()[1]);
        assertEquals(1, builds());

        Path source = root.resolve("compiler/src/main/java/Main.java");
        Files.setLastModifiedTime(source, FileTime.fromMillis(
                Files.getLastModifiedTime(jar).toMillis() + 5_000));
        String[] changed = run();
        assertEquals("chainrule: compiler/src/main/java/Main.java changed since the jar was"
                + " built; rebuilding...\n", changed[1]);
        assertEquals("ran\n", changed[0]);
        assertEquals(2, builds());
    }
}
