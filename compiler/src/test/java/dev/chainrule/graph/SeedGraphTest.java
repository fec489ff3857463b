package dev.chainrule.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.Chainrule;
import dev.chainrule.codegen.Backend;
import dev.chainrule.codegen.SourceBackend;
import dev.chainrule.runtime.GeneratedGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The seed graph at a=2, b=1: e = 6, de/da = 2, de/db = 5, on both backends. */
class SeedGraphTest {

    @ParameterizedTest
    @EnumSource(Backend.class)
    void valuesAndBothModes(Backend backend) {
        Chainrule.Compilation c = Chainrule.compile(Graphs.seed());
        GeneratedGraph g = (GeneratedGraph) backend.instantiate(c.lowered());
        // names: a b c d e
        assertArrayEquals(new double[] {2, 1, 3, 2, 6}, g.evaluateAll(new double[] {2, 1},
                new double[0]));
        assertArrayEquals(new double[] {2, 5, 2, 3, 1}, g.reverseAll());
        g.evaluateAll(new double[] {2, 1}, new double[0]);
        assertArrayEquals(new double[] {0, 1, 1, 1, 5}, g.tangentAll(new double[] {0, 1}));
    }

    /** The reverse pass reads like the hand derivation, as the issue asks. */
    @org.junit.jupiter.api.Test
    void reversePassReadsLikeTheHandDerivation() {
        String java = SourceBackend.emit(Chainrule.compile(Graphs.seed()).lowered());
        String reverse = java.substring(java.indexOf("protected void reverse()"),
                java.indexOf("protected void tangent("));
        String statements = String.join("\n", reverse.lines().map(String::trim)
                .filter(l -> l.endsWith(";")).toList());
        assertTrue(statements.equals("d_e = 1.0;\nd_c = d_e * d;\nd_d = d_e * c;\n"
                + "d_b = d_c + d_d;\nd_a = d_c;"), statements);
    }
}
