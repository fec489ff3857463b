package dev.chainrule.description;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.description.graph.GraphSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One entry point for both forms: a {@code graph} key decides. */
class DescriptionsTest {

    private static final String GRAPH = """
            name: Seed
            precision: double
            inputs: {a: [], b: []}
            graph:
              c: a + b
            output: c
            training: {epochs: 3}
            data: {train: train.csv}
            """;

    @Test
    void readsLayerDescriptionsExactlyAsSpecParserDoes() {
        Path file = SpecAssertions.resource("worked-example.yaml");
        NetworkSpec spec = assertInstanceOf(NetworkSpec.class, Descriptions.parse(file));
        assertEquals(SpecParser.parse(file), spec);
        assertEquals(SpecParser.parse(SpecAssertions.MINIMAL, "net.yaml", SpecAssertions.BASE),
                Descriptions.parse(SpecAssertions.MINIMAL, "net.yaml", SpecAssertions.BASE));
    }

    @Test
    void readsGraphDescriptionsFromFilesAndText(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("seed.yaml");
        Files.writeString(file, GRAPH);
        Description description = Descriptions.parse(file);

        GraphSpec graph = assertInstanceOf(GraphSpec.class, description);
        assertEquals("Seed", description.qualifiedName());
        assertEquals(Precision.DOUBLE, description.precision());
        assertEquals(3, description.training().epochs());
        assertEquals(new DataSpec(new DataSource.Csv(directory.toAbsolutePath().normalize()
                .resolve("train.csv")), null), description.data());
        assertEquals(file.toAbsolutePath().normalize(), description.source().file());
        assertEquals(description.source().sha256(), description.sha256());
        assertEquals("c", graph.output().name());
        assertEquals(file + ":5:3", graph.nodes().get(0).location().file() + ":"
                + graph.nodes().get(0).location().line() + ":"
                + graph.nodes().get(0).location().column());

        GraphSpec fromText = (GraphSpec) Descriptions.parse(GRAPH, "seed.yaml", directory);
        assertEquals(graph.nodes().size(), fromText.nodes().size());
    }

    @Test
    void copiesWithOtherSettingsKeepTheForm() {
        Description graph = Descriptions.parse(GRAPH, "seed.yaml", null);
        GraphSpec single = assertInstanceOf(GraphSpec.class,
                graph.withPrecision(Precision.FLOAT).withTraining(TrainingSpec.DEFAULTS));
        assertEquals(Precision.FLOAT, single.precision());
        assertEquals(TrainingSpec.DEFAULTS, single.training());
        assertEquals(((GraphSpec) graph).nodes(), single.nodes());
    }

    @Test
    void reportsFileProblemsAsTheLayerFormDoes(@TempDir Path directory) {
        Path missing = directory.resolve("missing.yaml");
        SpecException error = assertThrows(SpecException.class,
                () -> Descriptions.parse(missing));
        assertEquals(missing + ": file not found", error.getMessage());
        error = assertThrows(SpecException.class,
                () -> Descriptions.parse("# nothing\n", "net.yaml", null));
        assertEquals("net.yaml:1:1: empty description (expected a mapping with keys such as name,"
                + " input, layers and loss)", error.getMessage());
        error = assertThrows(SpecException.class,
                () -> Descriptions.parse("[1, 2]", "net.json", null));
        assertEquals("net.json:1:1: expected a mapping with keys such as name, input, layers"
                + " and loss, got a list", error.getMessage());
    }

    @Test
    void aGraphKeyMakesAGraphDescription() {
        SpecException error = assertThrows(SpecException.class, () -> Descriptions.parse(
                SpecAssertions.MINIMAL + "graph: {y: x}\n", "net.yaml", null));
        assertEquals("net.yaml:2:1: unknown key 'input' at top level (did you mean 'inputs'?)",
                error.getMessage());
    }
}
