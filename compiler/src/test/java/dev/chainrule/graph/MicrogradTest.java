package dev.chainrule.graph;

import static dev.chainrule.graph.Graphs.call;
import static dev.chainrule.graph.Graphs.name;
import static dev.chainrule.graph.Graphs.neg;
import static dev.chainrule.graph.Graphs.num;
import static dev.chainrule.graph.Graphs.op;
import static dev.chainrule.graph.Graphs.pow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.Chainrule;
import dev.chainrule.codegen.Backend;
import dev.chainrule.runtime.GeneratedGraph;
import dev.chainrule.description.graph.Expression;
import dev.chainrule.description.graph.Expression.Function;
import dev.chainrule.description.graph.Expression.Operator;
import dev.chainrule.description.graph.GraphSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * micrograd's two engine tests (karpathy/micrograd test/test_engine.py), as graphs in double
 * (each {@code +=} a new name), with PyTorch's numbers: the value and its gradient from the
 * generated class in reverse mode and in forward mode, on both backends.
 */
class MicrogradTest {

    static Expression add(Expression a, Expression b) {
        return op(Operator.ADD, a, b);
    }

    static Expression mul(Expression a, Expression b) {
        return op(Operator.MUL, a, b);
    }

    static Expression relu(Expression a) {
        return call(Function.RELU, a);
    }

    /** x = -4; z = 2x + 2 + x; q = relu(z) + z·x; h = relu(z·z); y = h + q + q·x. */
    static GraphSpec sanityCheck() {
        return new Graphs.Spec("SanityCheck").input("x")
                .node("z", add(add(mul(num(2), name("x")), num(2)), name("x")))
                .node("q", add(relu(name("z")), mul(name("z"), name("x"))))
                .node("h", relu(mul(name("z"), name("z"))))
                .node("y", add(add(name("h"), name("q")), mul(name("q"), name("x"))))
                .build();
    }

    /** micrograd's test_more_ops, with c2, c3, d2, d3, g2 for its {@code +=}. */
    static GraphSpec moreOps() {
        Expression a = name("a");
        Expression b = name("b");
        return new Graphs.Spec("MoreOps").input("a").input("b")
                .node("c", add(a, b))
                .node("d", add(mul(a, b), pow(b, 3)))
                .node("c2", add(add(name("c"), name("c")), num(1)))
                .node("c3", add(add(add(name("c2"), num(1)), name("c2")), neg(a)))
                .node("d2", add(add(name("d"), mul(name("d"), num(2))), relu(add(b, a))))
                .node("d3", add(add(name("d2"), mul(num(3), name("d2"))),
                        relu(op(Operator.SUB, b, a))))
                .node("e", op(Operator.SUB, name("c3"), name("d3")))
                .node("f", pow(name("e"), 2))
                .node("g", op(Operator.DIV, name("f"), num(2.0)))
                .node("g2", add(name("g"), op(Operator.DIV, num(10.0), name("f"))))
                .build();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void sanityCheck(Backend backend) {
        GeneratedGraph g = load(backend, sanityCheck());
        double[] x = {-4};
        assertClose(-20, g.evaluateAll(x, new double[0])[g.offset("y")], "y");
        assertClose(46, g.reverseAll()[g.offset("x")], "dy/dx reverse");
        assertClose(46, g.tangentAll(new double[] {1})[g.offset("y")], "dy/dx forward");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void moreOps(Backend backend) {
        GeneratedGraph g = load(backend, moreOps());
        double[] ab = {-4, 2};
        assertClose(24.70408163265306, g.evaluateAll(ab, new double[0])[g.offset("g2")], "g");
        double[] adjoints = g.reverseAll();
        assertClose(138.83381924198252, adjoints[g.offset("a")], "dg/da reverse");
        assertClose(645.5772594752186, adjoints[g.offset("b")], "dg/db reverse");
        assertClose(138.83381924198252, g.tangentAll(new double[] {1, 0})[g.offset("g2")],
                "dg/da forward");
        assertClose(645.5772594752186, g.tangentAll(new double[] {0, 1})[g.offset("g2")],
                "dg/db forward");
    }

    private static GeneratedGraph load(Backend backend, GraphSpec spec) {
        return (GeneratedGraph) backend.instantiate(Chainrule.compile(spec).lowered());
    }

    private static void assertClose(double want, double got, String what) {
        assertEquals(want, got, 1e-12 * Math.abs(want), what);
    }
}
