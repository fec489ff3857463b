package dev.chainrule.description;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.description.graph.GraphSpec;
import dev.chainrule.description.graph.GraphSpec.ParamInit;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One initializer syntax: a layer's {@code init} and a graph param's take the same three
 * spellings and mean the same initializer; a graph param may also be bare literal values.
 */
class InitializerSpellingsTest {

    private static final List<String> NORMAL_002 = List.of("normal(std=0.02)",
            "{type: normal, std: 0.02}", "{normal: {std: 0.02}}");

    private static Initializer layerInit(String init) {
        NetworkSpec spec = (NetworkSpec) Descriptions.parse("""
                name: Net
                input: 2
                layers:
                  - {units: 3, activation: relu, init: %s}
                loss: mse
                """.formatted(init), "net.yaml", Path.of("."));
        return spec.layers().get(0).weightInitializer();
    }

    private static GraphSpec graph(String params) {
        return (GraphSpec) Descriptions.parse("""
                name: G
                inputs: {x: [3]}
                params:
                %s
                graph:
                  y: sum(w @ x)
                output: y
                """.formatted(params), "net.yaml", Path.of("."));
    }

    private static ParamInit graphInit(String init) {
        return graph("  w: {shape: [2, 3], init: %s}".formatted(init)).params().get(0).init();
    }

    @Test
    void bothFormsTakeAllThreeSpellings() {
        for (String spelling : NORMAL_002) {
            assertEquals(Initializer.normal(0.02), layerInit(spelling), spelling);
            assertEquals(new ParamInit.Scheme("normal(std=0.02)"), graphInit(spelling), spelling);
        }
        for (String spelling : List.of("uniform(a=0.5)", "{type: uniform, a: 0.5}",
                "{uniform: {a: 0.5}}")) {
            assertEquals(Initializer.uniform(0.5), layerInit(spelling), spelling);
            assertEquals(new ParamInit.Scheme("uniform(a=0.5)"), graphInit(spelling), spelling);
        }
        assertEquals(Initializer.HE_NORMAL, layerInit("{he_normal: {}}"));
        assertEquals(new ParamInit.Scheme("he_normal"), graphInit("he_normal"));
        // bare normal: std 1, as torch.nn.init.normal_ and the layer form have always taken it
        assertEquals(new ParamInit.Scheme("normal(std=1.0)"), graphInit("normal"));
    }

    @Test
    void aGraphParamMayBeItsLiteralValues() {
        GraphSpec spec = graph("  w: [[0.5, 1, 0], [0, -2, 3]]\n  c: 0.25");
        assertEquals(List.of(2, 3), spec.params().get(0).shape());
        assertArrayEquals(new double[] {0.5, 1, 0, 0, -2, 3},
                ((ParamInit.Literal) spec.params().get(0).init()).values());
        assertEquals(List.of(), spec.params().get(1).shape());
        assertArrayEquals(new double[] {0.25},
                ((ParamInit.Literal) spec.params().get(1).init()).values());
        assertEquals(List.of(2), graph("  w: [[1, 2, 3]]\n  v: [1, 2]").params().get(1)
                .shape());
    }

    @Test
    void theNestedSpellingIsCheckedLikeTheOthers() {
        assertMessage("{normal: {a: 1}}", "net.yaml:4:50: unknown key 'a' in"
                + " layers[0].init.normal (expected one of std)");
        assertMessage("{normla: {std: 1}}", "net.yaml:4:41: unknown key 'normla' in"
                + " layers[0].init (did you mean 'normal'?)");
        assertMessage("{normal: {std: 0}}", "net.yaml:4:55: layers[0].init.normal.std: must be"
                + " a finite number > 0, got 0");
    }

    private static void assertMessage(String init, String expected) {
        SpecException e = org.junit.jupiter.api.Assertions.assertThrows(SpecException.class,
                () -> layerInit(init));
        assertEquals(expected, e.getMessage());
    }
}
