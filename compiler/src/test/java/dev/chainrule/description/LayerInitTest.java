package dev.chainrule.description;

import static dev.chainrule.description.SpecAssertions.assertYamlError;
import static dev.chainrule.description.SpecAssertions.parseYaml;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A layer's {@code init} key and the parameter initializers it sets. */
class LayerInitTest {

    private static NetworkSpec withInit(String init) {
        return parseYaml("""
                name: Net
                input: 2
                layers:
                  - units: 3
                    activation: relu
                    init: %s
                  - units: 1
                    activation: identity
                loss: mse
                """.formatted(init));
    }

    @Test
    void namesSpellingsAndMappings() {
        assertEquals(Initializer.HE_NORMAL, withInit("he_normal").layers().get(0)
                .weightInitializer());
        assertEquals(Initializer.normal(0.02), withInit("normal(std=0.02)").layers().get(0)
                .weightInitializer());
        assertEquals(Initializer.normal(0.02), withInit("{type: normal, std: 0.02}").layers()
                .get(0).weightInitializer());
        assertEquals(Initializer.uniform(1), withInit("uniform").layers().get(0)
                .weightInitializer());
        NetworkSpec spec = withInit("glorot_normal");
        assertEquals("glorot_normal", spec.parameter("layer1.weight").orElseThrow()
                .initializer().spelling());
        assertEquals(Initializer.ZEROS, spec.parameter("layer1.bias").orElseThrow()
                .initializer());
        assertEquals(Initializer.GLOROT_UNIFORM, spec.layers().get(1).weightInitializer());
    }

    @Test
    void badInitializers() {
        assertYamlError("""
                name: Net
                input: 2
                layers:
                  - {units: 3, activation: relu, init: he_norml}
                loss: mse
                """, "net.yaml:4:40: layers[0].init: unknown initializer 'he_norml' (expected"
                + " one of zeros, glorot_uniform, glorot_normal, he_uniform, he_normal, normal,"
                + " uniform, normal(std=S), uniform(a=A); did you mean 'he_normal'?)");
        assertYamlError("""
                name: Net
                input: 2
                layers:
                  - {units: 3, activation: relu, init: {type: normal, std: 0}}
                loss: mse
                """, "net.yaml:4:60: layers[0].init.std: must be a finite number > 0, got 0");
        assertYamlError("""
                name: Net
                input: 2
                layers:
                  - {units: 3, activation: relu, init: {type: he_normal, a: 2}}
                loss: mse
                """, "net.yaml:4:61: layers[0].init.a: he_normal has no setting 'a'");
    }
}
