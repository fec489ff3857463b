package dev.chainrule.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.runtime.DataException;
import dev.chainrule.spec.SpecException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChainruleCompilerTest {

    static final String TINY = "name: Tiny\npackage: p\ninput: 2\n"
            + "layers: [{units: 1, activation: sigmoid}]\nloss: squared_error\n";

    @TempDir
    Path project;

    private final ChainruleCompiler compiler =
            new ChainruleCompiler(file -> IncrementalGenerator.displayName(project, file));

    private GeneratedSource compile(String description, Path weights) {
        return compiler.compile(project.resolve("tiny.yaml"), "src/tiny.yaml", description,
                name -> weights);
    }

    @Test
    void emitsTheClassOfTheDescription() {
        GeneratedSource source = compile(TINY, null);

        assertEquals("p.Tiny", source.qualifiedName());
        assertTrue(source.source().contains("public final class Tiny extends GeneratedGraph"));
        assertTrue(source.source().contains("from tiny.yaml"), source.source());
    }

    @Test
    void descriptionErrorsAreTheParsers() {
        SpecException error = assertThrows(SpecException.class,
                () -> compile(TINY.replace("sigmoid", "sigmiod"), null));

        assertTrue(error.getMessage().startsWith("src/tiny.yaml:4:33: layers[0].activation: "
                + "unknown activation 'sigmiod'"), error.getMessage());
    }

    @Test
    void bakesWeights() throws Exception {
        Path weights = Files.writeString(project.resolve("Tiny.weights.json"),
                "{\"layer1.weight\": [[0.5, -0.25]], \"layer1.bias\": [0.125]}");

        String source = compile(TINY, weights).source();

        assertTrue(source.contains("unpackParameters"), source);
    }

    @Test
    void bakesAGraphsParams() throws Exception {
        String graph = "name: Line\npackage: p\ninputs: {x: [2]}\nparams:\n"
                + "  W: {shape: [1, 2]}\n  c: {shape: []}\ngraph:\n  y: sum(W @ x) + c\n"
                + "output: y\n";
        Path weights = Files.writeString(project.resolve("Line.weights.json"),
                "{\"W\": [[2, -1]], \"c\": 0.5}");

        String source = compile(graph, weights).source();

        assertTrue(source.contains("public final class Line extends GeneratedGraph"), source);
        assertTrue(source.contains("unpackParameters"), source);
    }

    @Test
    void weightsThatDoNotFitAreLocatedErrors() throws Exception {
        Path extra = Files.writeString(project.resolve("extra.json"),
                "{\"layer1.weight\": [[0.5, -0.25]], \"layer1.bias\": [0.125], \"x\": [1]}");
        Path broken = Files.writeString(project.resolve("broken.json"), "{\"layer1.weight\": [[0.5,]]}");
        Path missing = project.resolve("missing.json");

        assertEquals("extra.json:1:59: unknown parameter 'x' (network 'Tiny' has layer1.weight, "
                + "layer1.bias)", assertThrows(DataException.class,
                        () -> compile(TINY, extra)).getMessage());
        assertTrue(assertThrows(DataException.class, () -> compile(TINY, broken)).getMessage()
                .startsWith("broken.json:1:25: "));
        Path transposed = Files.writeString(project.resolve("transposed.json"),
                "{\"layer1.weight\": [[0.5], [-0.25]], \"layer1.bias\": [0.125]}");
        assertEquals("transposed.json:1:2: layer1.weight has shape [2][1], network 'Tiny'"
                + " expects [1][2]", assertThrows(DataException.class,
                        () -> compile(TINY, transposed)).getMessage());
        assertEquals("missing.json: weights file not found (for Tiny)",
                assertThrows(DataException.class, () -> compile(TINY, missing)).getMessage());
    }
}
