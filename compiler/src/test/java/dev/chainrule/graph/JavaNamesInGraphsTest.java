package dev.chainrule.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.Chainrule;
import dev.chainrule.codegen.Backend;
import dev.chainrule.codegen.SourceBackend;
import dev.chainrule.runtime.GeneratedGraph;
import dev.chainrule.spec.Descriptions;
import dev.chainrule.spec.graph.GraphSpec;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Description names are valid even where they are Java keywords, literals, locals of the
 * generated methods, or differ only in case: the class maps them to safe fields and javac and
 * the verifier accept it.
 */
class JavaNamesInGraphsTest {

    @ParameterizedTest
    @EnumSource(Backend.class)
    void keywordsLiteralsAndCaseTwinsCompile(Backend backend) {
        GraphSpec spec = (GraphSpec) Descriptions.parse("""
                name: Names
                precision: double
                inputs: {class: [], A: [], a: [2], i: []}
                params: {true: {shape: [], init: 2}, acc: {shape: [2], init: [1, 3]}}
                graph:
                  null: class * true + A
                  _: sum(a * acc) + i
                  d_class: null * _
                output: d_class
                """, "names.yaml", Path.of("."));
        Chainrule.Compilation c = Chainrule.compile(spec);
        String java = SourceBackend.emit(c.lowered());
        assertTrue(java.contains("private double class_;") && java.contains("private double null_;"),
                java);
        GeneratedGraph g = (GeneratedGraph) backend.instantiate(c.lowered());
        g.setParameter("true", new double[] {2});
        g.setParameter("acc", new double[] {1, 3});
        // names: class A a(2) i true acc(2) null _ d_class
        double[] v = g.evaluateAll(new double[] {3, 1, 2, 5, 7}, new double[0]);
        // null = 3·2 + 1 = 7; _ = 2·1 + 5·3 + 7 = 24; d_class = 168
        assertArrayEquals(new double[] {3, 1, 2, 5, 7, 2, 1, 3, 7, 24, 168}, v);
    }
}
