package dev.chainrule.description;

import static dev.chainrule.description.SpecAssertions.MINIMAL;
import static dev.chainrule.description.SpecAssertions.assertJsonError;
import static dev.chainrule.description.SpecAssertions.assertYamlError;
import static dev.chainrule.description.SpecAssertions.parseJson;
import static dev.chainrule.description.SpecAssertions.parseYaml;
import static dev.chainrule.description.SpecAssertions.resource;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecParserTest {

    @Test
    void parsesTheWorkedExample() {
        Path file = resource("worked-example.yaml");
        NetworkSpec spec = SpecParser.parse(file);

        assertEquals("WorkedExample", spec.name());
        assertEquals("samples.nets", spec.packageName());
        assertEquals("samples.nets.WorkedExample", spec.qualifiedName());
        assertEquals(Precision.DOUBLE, spec.precision());
        assertEquals(2, spec.inputSize());
        assertEquals(List.of(
                new LayerSpec("layer1", 2, Activation.IDENTITY, false, 2),
                new LayerSpec("out", 1, Activation.IDENTITY, false, 2)), spec.layers());
        assertEquals(Loss.SQUARED_ERROR, spec.loss());
        assertEquals(new TrainingSpec(0.1, 1, 1, false, 42), spec.training());
        Path dir = file.getParent();
        assertEquals(new DataSpec(new DataSource.Csv(dir.resolve("data/train.csv")),
                new DataSource.Csv(dir.resolve("data/test.csv"))), spec.data());
        assertEquals(List.of("layer1.weight", "out.weight"), List.copyOf(spec.init().keySet()));
        assertArrayEquals(new double[] {0.5, 1.5, 2.3, 3.0},
                spec.init().get("layer1.weight").values());
        assertArrayEquals(new int[] {2, 2}, spec.init().get("layer1.weight").shape());
        assertArrayEquals(new double[] {1.0, 1.0}, spec.init().get("out.weight").values());
        assertEquals(6, spec.parameterCount());
        assertEquals(file.toAbsolutePath(), spec.source().file());
        assertEquals(file.toString(), spec.source().displayName());
    }

    @Test
    void jsonAndYamlDescribeTheSameNetwork() {
        NetworkSpec yaml = SpecParser.parse(resource("worked-example.yaml"));
        NetworkSpec json = SpecParser.parse(resource("worked-example.json"));

        assertEquals(yaml, json);
        assertEquals(yaml.hashCode(), json.hashCode());
        assertTrue(!yaml.sha256().equals(json.sha256()), "the hash is of the text");
    }

    @Test
    void fillsInDefaults() {
        NetworkSpec spec = parseYaml(MINIMAL);

        assertEquals("", spec.packageName());
        assertEquals("Net", spec.qualifiedName());
        assertEquals(Precision.FLOAT, spec.precision());
        assertEquals(List.of("layer1", "layer2"),
                spec.layers().stream().map(LayerSpec::name).toList());
        assertTrue(spec.layers().stream().allMatch(LayerSpec::bias));
        assertEquals(TrainingSpec.DEFAULTS, spec.training());
        assertEquals(new TrainingSpec(0.01, 1, 1, false, 42), spec.training());
        assertNull(spec.data());
        assertTrue(spec.init().isEmpty());
    }

    @Test
    void emptyOptionalValuesMeanDefaults() {
        NetworkSpec spec = parseYaml(MINIMAL + "package:\ntraining:\ndata:\ninit:\n");

        assertEquals(parseYaml(MINIMAL), spec);
    }

    @Test
    void readsJsonByExtensionInAnyCase() {
        String json = """
                {"name": "Net", "input": 2, "loss": "mse",
                 "layers": [{"units": 1, "activation": "sigmoid"}]}
                """;
        assertEquals(parseJson(json), SpecParser.parse(json, "NET.JSON", SpecAssertions.BASE));
    }

    @Test
    void resolvesDataAgainstTheDescriptionsDirectory() {
        NetworkSpec spec = SpecParser.parse(resource("mnist-idx.yaml"));
        Path data = resource("mnist-idx.yaml").getParent().getParent().resolve("data");

        assertEquals(new DataSource.Idx(data.resolve("train-images.idx3-ubyte"),
                data.resolve("train-labels.idx1-ubyte")), spec.data().train());
        assertNull(spec.data().test());
    }

    @Test
    void resolvesDataOfInlineTextAgainstTheGivenDirectory() {
        NetworkSpec spec = parseYaml(MINIMAL + "data: {train: d/train.csv}\n");

        assertEquals(new DataSource.Csv(Path.of("/work/nets/d/train.csv")), spec.data().train());
    }

    @Test
    void hashesTheRawText() {
        NetworkSpec spec = parseYaml("\uFEFF" + MINIMAL);

        assertEquals(64, spec.sha256().length());
        assertEquals(new SpecSource("x", null, Path.of("/"), "\uFEFF" + MINIMAL).sha256(),
                spec.sha256());
        assertEquals(parseYaml(MINIMAL), spec);
    }

    @Test
    void reportsAMissingFile(@TempDir Path dir) {
        Path missing = dir.resolve("net.yaml");
        SpecException error = assertThrows(SpecException.class, () -> SpecParser.parse(missing));

        assertEquals(missing + ": file not found", error.getMessage());
        assertEquals(0, error.line());
    }

    @Test
    void reportsARelativeMissingFileAsGiven() {
        SpecException error = assertThrows(SpecException.class,
                () -> SpecParser.parse(Path.of("no-such-dir/net.yaml")));

        assertEquals("no-such-dir/net.yaml: file not found", error.getMessage());
    }

    @Test
    void reportsADirectory(@TempDir Path dir) {
        SpecException error = assertThrows(SpecException.class, () -> SpecParser.parse(dir));

        assertEquals(dir + ": is a directory, not a description file", error.getMessage());
    }

    @Test
    void reportsAFileThatIsNotUtf8(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("net.yaml");
        Files.write(file, new byte[] {'n', 'a', 'm', 'e', ':', ' ', (byte) 0xC3, (byte) 0x28});
        SpecException error = assertThrows(SpecException.class, () -> SpecParser.parse(file));

        assertEquals(file + ":1:1: not a UTF-8 text file, expected a YAML or JSON description",
                error.getMessage());
    }

    @Test
    void reportsAnEmptyFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("net.yaml");
        Files.writeString(file, "", StandardCharsets.UTF_8);
        SpecException error = assertThrows(SpecException.class, () -> SpecParser.parse(file));

        assertEquals(file + ":1:1: empty description (expected a mapping with keys such as name,"
                + " input, layers and loss)", error.getMessage());
    }

    @Test
    void reportsAFileOfOnlyComments() {
        assertYamlError("# nothing here\n\n", "net.yaml:1:1: empty description (expected a mapping"
                + " with keys such as name, input, layers and loss)");
        assertJsonError("  \n", "net.json:1:1: empty description (expected a mapping"
                + " with keys such as name, input, layers and loss)");
    }

    @Test
    void reportsATopLevelThatIsNotAMapping() {
        assertYamlError("- name: Net\n- input: 2\n", "net.yaml:1:1: expected a mapping with keys"
                + " such as name, input, layers and loss, got a list");
        assertYamlError("just words\n", "net.yaml:1:1: expected a mapping with keys"
                + " such as name, input, layers and loss, got string 'just words'");
        assertJsonError("[1, 2]", "net.json:1:1: expected a mapping with keys"
                + " such as name, input, layers and loss, got a list");
    }

    @Test
    void parsesEverySampleOfTheRepository() throws IOException {
        Path samples = Path.of("").toAbsolutePath().getParent().resolve("samples");
        assumeTrue(Files.isDirectory(samples), "samples/ next to the compiler module");
        List<Path> files;
        try (Stream<Path> list = Files.list(samples)) {
            files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(files.size() >= 6, files.toString());
        for (Path file : files) {
            NetworkSpec spec = SpecParser.parse(file);
            assertEquals("dev.chainrule.samples", spec.packageName(), file.toString());
            assertTrue(spec.data().train() != null, file.toString());
        }
    }
}
