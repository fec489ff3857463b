package dev.chainrule.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.Chainrule;
import dev.chainrule.codegen.Backend;
import dev.chainrule.codegen.SourceBackend;
import dev.chainrule.runtime.GeneratedGraph;
import dev.chainrule.description.Descriptions;
import dev.chainrule.description.graph.GraphSpec;
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

    /**
     * A graph large enough for the dense kernels, whose names are the kernels' locals: the
     * gradient still matches central differences, and a step is exactly w − lr·g.
     */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void kernelLocalsAsNamesKeepTheirMeaning(Backend backend) {
        GraphSpec spec = (GraphSpec) Descriptions.parse("""
                name: Locals
                precision: double
                inputs: {o: [20]}
                targets: {t: [3]}
                params:
                  row: {shape: [20, 20], init: glorot_uniform}
                  gradRow: {shape: [20], init: zeros}
                  ai: {shape: [3, 20], init: glorot_uniform}
                graph:
                  n: relu(row @ o + gradRow)
                  k: ai @ n
                  b: squared_error(k, t)
                output: b
                training: {learning_rate: 0.5, seed: 3}
                """, "locals.yaml", Path.of("."));
        Chainrule.Compilation c = Chainrule.compile(spec);
        GeneratedGraph g = (GeneratedGraph) backend.instantiate(c.lowered());
        java.util.Random rnd = new java.util.Random(7);
        for (String p : g.parameterNames()) {
            double[] w = g.getParameter(p);
            for (int k = 0; k < w.length; k++) {
                w[k] = rnd.nextGaussian() * 0.5;
            }
            g.setParameter(p, w);
        }
        double[] x = rnd.doubles(20, -1, 1).toArray();
        double[] t = {0.5, -1, 2};
        g.computeGradient(x, t);
        double[][] grads = new double[3][];
        double[][] before = new double[3][];
        String[] names = g.parameterNames();
        for (int p = 0; p < names.length; p++) {
            grads[p] = g.getGradient(names[p]);
            before[p] = g.getParameter(names[p]);
            double[] w = before[p].clone();
            for (int k = 0; k < w.length; k++) {
                double h = 1e-6;
                w[k] = before[p][k] + h;
                g.setParameter(names[p], w);
                double up = g.loss(x, t);
                w[k] = before[p][k] - h;
                g.setParameter(names[p], w);
                double down = g.loss(x, t);
                w[k] = before[p][k];
                g.setParameter(names[p], w);
                assertEquals((up - down) / (2 * h), grads[p][k], 1e-6, names[p] + "[" + k + "]");
            }
        }
        g.trainBatch(new double[][] {x}, new double[][] {t}, new int[] {0}, 0, 1, 0.5);
        for (int p = 0; p < names.length; p++) {
            double[] after = g.getParameter(names[p]);
            for (int k = 0; k < after.length; k++) {
                assertEquals(before[p][k] - 0.5 * grads[p][k], after[k], 0.0, names[p] + "[" + k + "]");
            }
        }
    }
}
