package dev.chainrule.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerationStateTest {

    @TempDir
    Path directory;

    @Test
    void roundTripsSortedByDescription() throws Exception {
        GenerationState state = new GenerationState(Map.of(
                "z dir/b.yaml", new GenerationState.Entry("k2", "p/B.java"),
                "a.yaml", new GenerationState.Entry("k1", "p/A.java")));
        Path file = directory.resolve(GenerationState.FILE_NAME);
        Files.writeString(file, state.text());

        assertEquals("# chainrule-maven-plugin state 1: key, generated file, description\n"
                + "k1\tp/A.java\ta.yaml\n"
                + "k2\tp/B.java\tz dir/b.yaml\n", Files.readString(file));
        assertEquals(state.entries(), GenerationState.read(file).entries());
    }

    @Test
    void missingOrForeignFilesReadAsEmpty() throws Exception {
        Path file = directory.resolve(GenerationState.FILE_NAME);
        assertEquals(Map.of(), GenerationState.read(file).entries());
        Files.writeString(file, "something else\nk\tp/A.java\ta.yaml\n");
        assertEquals(Map.of(), GenerationState.read(file).entries());
    }
}
