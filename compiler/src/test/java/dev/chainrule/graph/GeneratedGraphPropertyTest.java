package dev.chainrule.graph;

import static org.junit.jupiter.api.Assertions.fail;

import dev.chainrule.Chainrule;
import dev.chainrule.codegen.Backend;
import dev.chainrule.description.Precision;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;

/**
 * Generated graph classes against the interpreter, on random graphs ({@link RandomGraphs}): in
 * double, every name's value, reverse-mode adjoint (reverseAll), forward-mode tangent
 * (tangentAll, along a random seed over every leaf) and every param's training gradient
 * (computeGradient) equal the interpreter's on the differentiated graph to 1e-12 relative, on
 * both backends, and the two backends agree bit for bit; in float the backends agree bit for bit.
 */
class GeneratedGraphPropertyTest {

    @Property(tries = 10)
    void doubleMatchesTheInterpreterOnBothBackends(@ForAll long seed) {
        RandomGraphs.Case c = RandomGraphs.generate(seed, Precision.DOUBLE);
        Chainrule.Compilation compiled = Chainrule.compile(c.spec());
        Graph g = compiled.differentiated();
        compiled.optimized().nodes().forEach(n -> Statistics.label("ops").collect(
                n.op().getClass().getSimpleName()));
        double[] tangentSeed = seed(g, seed);
        GraphRun.Result expected = GraphRun.interpret(g, c.leaves(), tangentSeed);
        GraphRun.Result source = GraphRun.generated(Backend.SOURCE, compiled.lowered(), g,
                c.leaves(), tangentSeed);
        GraphRun.Result bytecode = GraphRun.generated(Backend.BYTECODE, compiled.lowered(), g,
                c.leaves(), tangentSeed);
        close(expected, source, "source backend");
        bits(source, bytecode);
    }

    @Property(tries = 5)
    void floatBackendsAreBitIdentical(@ForAll long seed) {
        RandomGraphs.Case c = RandomGraphs.generate(seed, Precision.FLOAT);
        Chainrule.Compilation compiled = Chainrule.compile(c.spec());
        Graph g = compiled.differentiated();
        double[] tangentSeed = seed(g, seed);
        bits(GraphRun.generated(Backend.SOURCE, compiled.lowered(), g, c.leaves(), tangentSeed),
                GraphRun.generated(Backend.BYTECODE, compiled.lowered(), g, c.leaves(),
                        tangentSeed));
    }

    private static double[] seed(Graph g, long seed) {
        Random rnd = new Random(~seed);
        int size = 0;
        for (Role role : new Role[] {Role.INPUT, Role.TARGET, Role.PARAM}) {
            size += g.leaves(role).stream().mapToInt(n -> n.shape().size()).sum();
        }
        double[] out = new double[size];
        for (int k = 0; k < size; k++) {
            out[k] = 2 * rnd.nextDouble() - 1;
        }
        return out;
    }

    static void close(GraphRun.Result want, GraphRun.Result got, String what) {
        close(want.values(), got.values(), want.labels(), what + " values");
        close(want.adjoints(), got.adjoints(), want.labels(), what + " adjoints");
        close(want.tangents(), got.tangents(), want.labels(), what + " tangents");
        close(want.gradients(), got.gradients(), List.of(), what + " gradients");
    }

    static void close(double[] want, double[] got, List<String> labels, String what) {
        if (want.length != got.length) {
            fail(what + ": " + got.length + " values, expected " + want.length);
        }
        for (int k = 0; k < want.length; k++) {
            double tol = 1e-12 * Math.max(Math.abs(want[k]), Math.abs(got[k])) + 1e-300;
            if (!(Math.abs(want[k] - got[k]) <= tol) && !(Double.isNaN(want[k]) && Double.isNaN(got[k]))) {
                fail(what + "[" + k + "] (" + (k < labels.size() ? labels.get(k) : "") + "): interpreter "
                        + want[k] + ", generated " + got[k]);
            }
        }
    }

    static void bits(GraphRun.Result a, GraphRun.Result b) {
        bits(a.values(), b.values(), "values");
        bits(a.adjoints(), b.adjoints(), "adjoints");
        bits(a.tangents(), b.tangents(), "tangents");
        bits(a.gradients(), b.gradients(), "gradients");
    }

    static void bits(double[] a, double[] b, String what) {
        for (int k = 0; k < Math.max(a.length, b.length); k++) {
            if (k >= a.length || k >= b.length
                    || Double.doubleToRawLongBits(a[k]) != Double.doubleToRawLongBits(b[k])) {
                fail(what + "[" + k + "] differs between the backends: source "
                        + (k < a.length ? a[k] : "none") + ", bytecode " + (k < b.length ? b[k] : "none"));
            }
        }
    }
}
