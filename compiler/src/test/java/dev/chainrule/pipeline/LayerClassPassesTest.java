package dev.chainrule.pipeline;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.Chainrule;
import dev.chainrule.codegen.Backend;
import dev.chainrule.runtime.GeneratedGraph;
import dev.chainrule.description.NetworkSpec;
import dev.chainrule.description.SpecParser;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A layer description's class extends GeneratedGraph but is compiled without reverse and
 * tangent passes over every name: asking for them fails loudly instead of returning zeros.
 */
class LayerClassPassesTest {

    @ParameterizedTest
    @EnumSource(Backend.class)
    void reverseAndTangentOfEveryNameAreRefused(Backend backend) {
        NetworkSpec spec = SpecParser.parse("""
                name: Small
                input: 2
                layers:
                  - {units: 2, activation: tanh}
                  - {units: 1, activation: identity}
                loss: squared_error
                """, "small.yaml", Path.of("."));
        GeneratedGraph g = (GeneratedGraph) backend.instantiate(Chainrule.compile(spec).lowered());
        g.evaluateAll(new double[] {1, 2}, new double[] {3});
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                g::reverseAll);
        assertTrue(e.getMessage().contains("layer description"), e.getMessage());
        assertThrows(UnsupportedOperationException.class, () -> g.tangentAll(new double[8]));
    }
}
