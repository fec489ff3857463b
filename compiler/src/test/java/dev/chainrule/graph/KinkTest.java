package dev.chainrule.graph;

import static dev.chainrule.graph.Graphs.call;
import static dev.chainrule.graph.Graphs.name;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.Chainrule;
import dev.chainrule.codegen.Backend;
import dev.chainrule.runtime.GeneratedGraph;
import dev.chainrule.description.graph.Expression.Function;
import dev.chainrule.description.graph.GraphSpec;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Derivatives at kinks are PyTorch's, exactly: relu'(0) = 0 and abs'(0) = 0 (for +0 and −0),
 * in reverse and forward mode, in the interpreter and in generated code on both backends.
 */
class KinkTest {

    /** x = [0, −0, 2, −3]. */
    static final double[] X = {0.0, -0.0, 2, -3};

    static GraphSpec spec(Function f) {
        return new Graphs.Spec("Kink" + f.name()).input("x", 4)
                .node("y", call(f, name("x")))
                .node("s", call(Function.SUM, name("y")))
                .build();
    }

    @ParameterizedTest
    @EnumSource(value = Function.class, names = {"RELU", "ABS"})
    void interpreterGivesZeroAtTheKink(Function f) {
        Graph g = Chainrule.compile(spec(f)).differentiated();
        double[] want = expected(f);
        Map<String, Tensor> leaves = Map.of("x", new Tensor(Shape.of(4), X.clone()));
        Tensor[] v = Interpreter.run(g, leaves);
        exact(want, v[g.adjoints().get("x")].data(), f + " reverse");
        for (int k = 0; k < 4; k++) {
            double[] e = new double[4];
            e[k] = 1;
            Tensor[] t = Interpreter.run(g, leaves, Map.of("x", new Tensor(Shape.of(4), e)));
            exact(new double[] {want[k]}, t[g.tangents().get("s")].data(), f + " forward " + k);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void generatedCodeGivesZeroAtTheKink(Backend backend) {
        for (Function f : new Function[] {Function.RELU, Function.ABS}) {
            GeneratedGraph g = (GeneratedGraph) backend.instantiate(
                    Chainrule.compile(spec(f)).lowered());
            double[] want = expected(f);
            g.evaluateAll(X.clone(), new double[0]);
            double[] adjoints = g.reverseAll();
            int at = g.offset("x");
            exact(want, Arrays.copyOfRange(adjoints, at, at + 4), f + " reverse, " + backend);
            for (int k = 0; k < 4; k++) {
                double[] e = new double[4];
                e[k] = 1;
                double[] tangents = g.tangentAll(e);
                exact(new double[] {want[k]}, new double[] {tangents[g.offset("s")]},
                        f + " forward " + k + ", " + backend);
            }
        }
    }

    /**
     * x ** 0 is constant, so its derivative is 0 everywhere, at x = 0 too (PyTorch masks
     * exponent 0 to a zero gradient); p · x^(p−1) would give 0 · 0^−1 = NaN there.
     */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void powerZeroHasDerivativeZeroAtZero(Backend backend) {
        GraphSpec spec = new Graphs.Spec("PowerZero").input("x", 4)
                .node("y", Graphs.pow(name("x"), 0))
                .node("s", call(Function.SUM, name("y")))
                .build();
        Chainrule.Compilation c = Chainrule.compile(spec);
        Graph g = c.differentiated();
        double[] zeros = new double[4];
        Tensor[] v = Interpreter.run(g, Map.of("x", new Tensor(Shape.of(4), X.clone())));
        exact(zeros, g.adjoints().containsKey("x") ? v[g.adjoints().get("x")].data() : zeros,
                "x ** 0 interpreter reverse");
        GeneratedGraph gen = (GeneratedGraph) backend.instantiate(c.lowered());
        gen.evaluateAll(X.clone(), new double[0]);
        double[] adjoints = gen.reverseAll();
        exact(zeros, Arrays.copyOfRange(adjoints, gen.offset("x"), gen.offset("x") + 4),
                "x ** 0 reverse, " + backend);
        double[] tangents = gen.tangentAll(new double[] {1, 1, 1, 1});
        exact(new double[] {0}, new double[] {tangents[gen.offset("s")]},
                "x ** 0 forward, " + backend);
    }

    private static double[] expected(Function f) {
        return f == Function.RELU ? new double[] {0, 0, 1, 0} : new double[] {0, 0, 1, -1};
    }

    /** Equal as numbers (−0 == 0). */
    private static void exact(double[] want, double[] got, String what) {
        for (int k = 0; k < want.length; k++) {
            int i = k;
            assertTrue(want[k] == got[k], () -> what + ": element " + i + " is " + got[i]
                    + ", expected " + want[i] + " (got " + Arrays.toString(got) + ")");
        }
    }
}
