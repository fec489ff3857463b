package dev.chainrule.maven;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.Chainrule;
import dev.chainrule.codegen.Backend;
import dev.chainrule.codegen.GeneratedClassLoader;
import dev.chainrule.codegen.InMemoryJavac;
import dev.chainrule.runtime.DataException;
import dev.chainrule.runtime.Network;
import dev.chainrule.description.SpecException;
import dev.chainrule.description.SpecParser;
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

    /**
     * A conv description through the plugin: the generated source, with rank-4 conv weights
     * baked in, compiles with javac and predicts what the bytecode backend's class predicts
     * with the same weights set at run time, bit for bit.
     */
    @Test
    void generatesAConvNetsClassWithBakedRankFourWeights() throws Exception {
        // [1, 5, 5] -> conv 2@3x3 stride 2 pad 1: [2, 3, 3] -> max pool 2 pad 1: [2, 2, 2] -> 3
        String conv = "name: Conv\npackage: p\ninput: [1, 5, 5]\nlayers:\n"
                + "  - {name: c, type: conv2d, filters: 2, kernel: 3, stride: 2, padding: 1,"
                + " activation: relu}\n"
                + "  - {type: max_pool2d, kernel: 2, padding: 1}\n"
                + "  - {type: flatten}\n"
                + "  - {name: out, units: 3, activation: softmax}\n"
                + "loss: softmax_cross_entropy\n";
        double[] kernel = new double[18];
        double[] dense = new double[24];
        for (int k = 0; k < kernel.length; k++) {
            kernel[k] = (k % 7 - 3) / 8.0;
        }
        for (int k = 0; k < dense.length; k++) {
            dense[k] = (k % 5 - 2) / 4.0;
        }
        Path weights = Files.writeString(project.resolve("Conv.weights.json"), "{\"c.weight\": "
                + nested(kernel, 2, 1, 3, 3) + ", \"c.bias\": [0.25, -0.5], \"out.weight\": "
                + nested(dense, 3, 8) + ", \"out.bias\": [0.5, 0, -0.5]}");

        GeneratedSource source = compile(conv, weights);
        Network baked = (Network) new GeneratedClassLoader(InMemoryJavac.compile(
                source.qualifiedName(), source.source())).loadClass(source.qualifiedName())
                .getDeclaredConstructor().newInstance();
        Network runtime = Backend.BYTECODE.instantiate(Chainrule.compile(SpecParser.parse(conv,
                "conv.yaml", project)).lowered());
        runtime.setParameter("c.weight", kernel);
        runtime.setParameter("c.bias", new double[] {0.25, -0.5});
        runtime.setParameter("out.weight", dense);
        runtime.setParameter("out.bias", new double[] {0.5, 0, -0.5});

        assertArrayEquals(new int[] {2, 1, 3, 3}, baked.parameterShape("c.weight"));
        assertArrayEquals(kernel, baked.getParameter("c.weight"), 0.0);
        double[] x = new double[25];
        for (int k = 0; k < x.length; k++) {
            x[k] = (k * 7 % 11) / 10.0;
        }
        double[] want = new double[3];
        double[] got = new double[3];
        runtime.predict(x, want);
        baked.predict(x, got);
        assertArrayEquals(want, got, 0.0);
        assertEquals(1.0, got[0] + got[1] + got[2], 1e-6);
    }

    /** {@code values} (row-major) as nested JSON lists of the given dimensions. */
    private static String nested(double[] values, int... dims) {
        StringBuilder s = new StringBuilder();
        nest(s, values, dims, 0, 0);
        return s.toString();
    }

    private static int nest(StringBuilder s, double[] values, int[] dims, int axis, int at) {
        s.append('[');
        for (int i = 0; i < dims[axis]; i++) {
            s.append(i == 0 ? "" : ", ");
            if (axis == dims.length - 1) {
                s.append(values[at++]);
            } else {
                at = nest(s, values, dims, axis + 1, at);
            }
        }
        s.append(']');
        return at;
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
