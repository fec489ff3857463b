package dev.chainrule.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerationStateTest {

    static final String STATE = GenerationState.fileName("generate-default");

    @TempDir
    Path directory;

    @Test
    void roundTripsSortedByDescription() throws Exception {
        GenerationState state = new GenerationState(Map.of(
                "z dir/b.yaml", new GenerationState.Entry("k2", "p/B.java"),
                "a.yaml", new GenerationState.Entry("k1", "p/A.java")));
        Path file = directory.resolve(STATE);
        Files.writeString(file, state.text());

        assertEquals("# chainrule-maven-plugin state 1: key, generated file, description\n"
                + "k1\tp/A.java\ta.yaml\n"
                + "k2\tp/B.java\tz dir/b.yaml\n", Files.readString(file));
        assertEquals(state.entries(), GenerationState.read(file).entries());
    }

    @Test
    void missingOrForeignFilesReadAsEmpty() throws Exception {
        Path file = directory.resolve(STATE);
        assertEquals(Map.of(), GenerationState.read(file).entries());
        Files.writeString(file, "something else\nk\tp/A.java\ta.yaml\n");
        assertEquals(Map.of(), GenerationState.read(file).entries());
    }
}
