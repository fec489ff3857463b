package dev.chainrule.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.runtime.DataException;
import dev.chainrule.description.SpecParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncrementalGeneratorTest {

    static final String STATE = GenerationState.fileName("generate-default");

    @TempDir
    Path project;

    private Path sources;
    private Path output;
    private final List<String> compiled = new ArrayList<>();

    /** Parses for real (so errors are the parser's), then emits a stand-in class. */
    private final DescriptionCompiler compiler = (file, displayName, content, weights) -> {
        compiled.add(displayName);
        var spec = SpecParser.parse(content, displayName, file.getParent());
        String name = spec.packageName().isEmpty() ? spec.name()
                : spec.packageName() + "." + spec.name();
        Path baked = weights.apply(spec.name());
        try {
            return new GeneratedSource(name, "// " + spec.name() + " " + spec.inputSize()
                    + (baked == null ? "" : " baked " + Files.readString(baked)) + "\n");
        } catch (IOException e) {
            throw new DataException(baked + ": not found");
        }
    };

    @BeforeEach
    void layout() throws IOException {
        sources = Files.createDirectories(project.resolve("src/main/chainrule"));
        output = project.resolve("target/generated-sources/chainrule");
    }

    private IncrementalGenerator generator(String options) {
        return generator(options, WeightsLocator.NONE);
    }

    private IncrementalGenerator generator(String options, WeightsLocator weights) {
        return new IncrementalGenerator(sources, output, output.resolve(STATE),
                project, options, compiler, weights, IncrementalGenerator.Listener.NONE);
    }

    private IncrementalGenerator.Outcome run(String... descriptions) throws Exception {
        return generator("v1").run(List.of(descriptions));
    }

    private void describe(String path, String name, int input) throws IOException {
        Path file = sources.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "name: " + name + "\npackage: p\ninput: " + input
                + "\nlayers: [{units: 1, activation: sigmoid}]\nloss: squared_error\n");
    }

    @Test
    void generatesEveryDescriptionOnce() throws Exception {
        describe("a.yaml", "A", 2);
        describe("sub/b.yaml", "B", 3);

        IncrementalGenerator.Outcome first = run("sub/b.yaml", "a.yaml");
        IncrementalGenerator.Outcome second = run("sub/b.yaml", "a.yaml");

        assertEquals(List.of("a.yaml", "sub/b.yaml"), first.generated());
        assertEquals("// A 2\n", Files.readString(output.resolve("p/A.java")));
        assertEquals(List.of(), second.generated());
        assertEquals(List.of("a.yaml", "sub/b.yaml"), second.upToDate());
        assertEquals(List.of("src/main/chainrule/a.yaml", "src/main/chainrule/sub/b.yaml"),
                compiled);
    }

    @Test
    void regeneratesWhatChangedAndDeletesWhatIsGone() throws Exception {
        describe("a.yaml", "A", 2);
        describe("b.yaml", "B", 3);
        describe("c.yaml", "C", 4);
        run("a.yaml", "b.yaml", "c.yaml");
        describe("a.yaml", "A", 5);
        Files.delete(sources.resolve("c.yaml"));

        IncrementalGenerator.Outcome outcome = run("a.yaml", "b.yaml");

        assertEquals(List.of("a.yaml"), outcome.generated());
        assertEquals(List.of("b.yaml"), outcome.upToDate());
        assertEquals(List.of("p/C.java"), outcome.removed());
        assertEquals("// A 5\n", Files.readString(output.resolve("p/A.java")));
        assertFalse(Files.exists(output.resolve("p/C.java")));
    }

    @Test
    void renamedClassReplacesTheOldFile() throws Exception {
        describe("a.yaml", "A", 2);
        run("a.yaml");
        describe("a.yaml", "Renamed", 2);

        IncrementalGenerator.Outcome outcome = run("a.yaml");

        assertEquals(List.of("p/A.java"), outcome.removed());
        assertTrue(Files.isRegularFile(output.resolve("p/Renamed.java")));
    }

    @Test
    void otherOptionsOrAMissingClassRegenerate() throws Exception {
        describe("a.yaml", "A", 2);
        run("a.yaml");

        assertEquals(List.of("a.yaml"), generator("v2").run(List.of("a.yaml")).generated());
        Files.delete(output.resolve("p/A.java"));
        assertEquals(List.of("a.yaml"), generator("v2").run(List.of("a.yaml")).generated());
        assertTrue(Files.isRegularFile(output.resolve("p/A.java")));
    }

    @Test
    void aDeletedStateFileRegeneratesAndIsWrittenAgain() throws Exception {
        describe("a.yaml", "A", 2);
        run("a.yaml");
        String state = Files.readString(output.resolve(STATE));
        Files.delete(output.resolve(STATE));

        assertEquals(List.of("a.yaml"), run("a.yaml").generated());
        assertEquals(state, Files.readString(output.resolve(STATE)));
    }

    @Test
    void anInvalidDescriptionFailsWithLocatedLinesAndWritesNothing() throws Exception {
        describe("good.yaml", "Good", 2);
        Files.writeString(sources.resolve("net.yaml"), "name: Net\ninput: 2\nlayers:\n"
                + "  - {units: 3, activation: rleu}\nloss: squared_error\n");

        IncrementalGenerator.DescriptionErrors errors = assertThrows(
                IncrementalGenerator.DescriptionErrors.class, () -> run("good.yaml", "net.yaml"));

        assertEquals(1, errors.lines().size());
        assertTrue(errors.lines().get(0).startsWith("src/main/chainrule/net.yaml:4:28: "
                + "layers[0].activation: unknown activation 'rleu'"), errors.lines().get(0));
        assertFalse(Files.exists(output));
    }

    @Test
    void aFailureLeavesTheLastGoodOutputAlone() throws Exception {
        describe("a.yaml", "A", 2);
        describe("b.yaml", "B", 3);
        run("a.yaml", "b.yaml");
        String state = Files.readString(output.resolve(STATE));
        describe("a.yaml", "A", 7);
        Files.writeString(sources.resolve("b.yaml"), "name: B\n");

        assertThrows(IncrementalGenerator.DescriptionErrors.class, () -> run("a.yaml", "b.yaml"));

        assertEquals("// A 2\n", Files.readString(output.resolve("p/A.java")));
        assertEquals(state, Files.readString(output.resolve(STATE)));
        try (Stream<Path> files = Files.walk(output)) {
            assertEquals(List.of(), files.filter(f -> f.toString().endsWith(".tmp")).toList());
        }
    }

    @Test
    void twoDescriptionsOfOneClassClash() throws Exception {
        describe("a.yaml", "Same", 2);
        describe("b.yaml", "Same", 3);

        IncrementalGenerator.DescriptionErrors errors = assertThrows(
                IncrementalGenerator.DescriptionErrors.class, () -> run("a.yaml", "b.yaml"));

        assertEquals(List.of("src/main/chainrule/b.yaml: generates p/Same.java, as "
                + "src/main/chainrule/a.yaml does; give one of them another name or package"),
                errors.lines());
        assertFalse(Files.exists(output));
    }

    @Test
    void aDescriptionThatIsNotUtf8IsAnError() throws Exception {
        Files.write(sources.resolve("net.yaml"), new byte[] {'n', ':', ' ', (byte) 0xff});

        IncrementalGenerator.DescriptionErrors errors = assertThrows(
                IncrementalGenerator.DescriptionErrors.class, () -> run("net.yaml"));

        assertEquals(List.of("src/main/chainrule/net.yaml: not a UTF-8 text file"),
                errors.lines());
    }

    @Test
    void aCompilerFailureNamesTheDescription() throws Exception {
        describe("a.yaml", "A", 2);
        IncrementalGenerator broken = new IncrementalGenerator(sources, output,
                output.resolve(STATE), project, "v1", (file, name, content, weights) -> {
                    throw new IllegalArgumentException("no kernel for this");
                }, WeightsLocator.NONE, IncrementalGenerator.Listener.NONE);

        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> broken.run(List.of("a.yaml")));

        assertEquals("src/main/chainrule/a.yaml: the compiler failed on this valid description: "
                + "java.lang.IllegalArgumentException: no kernel for this", error.getMessage());
        assertFalse(Files.exists(output));
    }

    @Test
    void noDescriptionsWriteNothing() throws Exception {
        IncrementalGenerator.Outcome outcome = run();

        assertEquals(List.of(), outcome.generated());
        assertFalse(Files.exists(output));
    }

    @Test
    void weightsFromTheDirectoryAreBakedAndTheirChangesRegenerate() throws Exception {
        describe("a.yaml", "A", 2);
        describe("b.yaml", "B", 3);
        Path weights = Files.createDirectories(project.resolve("src/main/weights"));
        WeightsLocator locator = new WeightsLocator(Map.of(), weights);
        generator("v1", locator).run(List.of("a.yaml", "b.yaml"));

        Files.writeString(weights.resolve("A.weights.json"), "{1}");
        IncrementalGenerator.Outcome added = generator("v1", locator).run(List.of("a.yaml", "b.yaml"));
        Files.writeString(weights.resolve("A.weights.json"), "{2}");
        IncrementalGenerator.Outcome changed = generator("v1", locator).run(List.of("a.yaml", "b.yaml"));
        IncrementalGenerator.Outcome same = generator("v1", locator).run(List.of("a.yaml", "b.yaml"));

        assertEquals(List.of("a.yaml"), added.generated());
        assertEquals(List.of("a.yaml"), changed.generated());
        assertEquals(List.of(), same.generated());
        assertEquals("// A 2 baked {2}\n", Files.readString(output.resolve("p/A.java")));
        assertEquals("// B 3\n", Files.readString(output.resolve("p/B.java")));
    }

    @Test
    void weightsAreFoundByNetworkNameOrDescriptionPath() throws Exception {
        describe("a.yaml", "A", 2);
        describe("sub/b.yaml", "B", 3);
        Files.writeString(project.resolve("a.json"), "{a}");
        Files.writeString(project.resolve("b.json"), "{b}");

        generator("v1", new WeightsLocator(Map.of("A", project.resolve("a.json"),
                "sub/b.yaml", project.resolve("b.json")), null)).run(List.of("a.yaml", "sub/b.yaml"));

        assertEquals("// A 2 baked {a}\n", Files.readString(output.resolve("p/A.java")));
        assertEquals("// B 3 baked {b}\n", Files.readString(output.resolve("p/B.java")));
    }

    @Test
    void weightsForNoNetworkAreAnError() throws Exception {
        describe("a.yaml", "A", 2);
        WeightsLocator typo = new WeightsLocator(Map.of("Aa", project.resolve("a.json")), null);

        IncrementalGenerator.DescriptionErrors errors = assertThrows(
                IncrementalGenerator.DescriptionErrors.class,
                () -> generator("v1", typo).run(List.of("a.yaml")));

        assertEquals(List.of("weights: 'Aa' (a.json) is neither the name of a network nor a "
                + "description"), errors.lines());
        assertFalse(Files.exists(output));
    }
}
