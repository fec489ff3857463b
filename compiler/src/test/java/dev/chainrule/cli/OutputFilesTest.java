package dev.chainrule.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFilesTest {

    @TempDir
    Path dir;

    @Test
    void writesAndCreatesDirectories() throws IOException {
        Path target = dir.resolve("a/b/c.txt");

        OutputFiles.write(target, "hello".getBytes(StandardCharsets.UTF_8));

        assertEquals("hello", Files.readString(target));
        assertEquals(List.of("c.txt"), names(target.getParent()));
    }

    @Test
    void aFailedWriteKeepsTheOldFileAndLeavesNoTemporary() throws IOException {
        Path target = dir.resolve("w.json");
        Files.writeString(target, "old");

        UserError error = assertThrows(UserError.class, () -> OutputFiles.write(target, out -> {
            out.write("half".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));

        assertEquals(target + ": cannot write: disk full", error.getMessage());
        assertEquals("old", Files.readString(target));
        assertEquals(List.of("w.json"), names(dir));
    }

    @Test
    void replacesAnExistingFile() throws IOException {
        Path target = dir.resolve("w.json");
        Files.writeString(target, "old");

        OutputFiles.write(target, "new".getBytes(StandardCharsets.UTF_8));

        assertEquals("new", Files.readString(target));
    }

    @Test
    void aDirectoryIsNotAFileName() {
        UserError error = assertThrows(UserError.class,
                () -> OutputFiles.write(dir, new byte[0]));

        assertTrue(error.getMessage().startsWith(dir + ": is a directory"), error.getMessage());
    }

    private static List<String> names(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(f -> f.getFileName().toString()).sorted()
                    .collect(Collectors.toList());
        }
    }
}
