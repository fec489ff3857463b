package dev.chainrule.codegen;

import static dev.chainrule.codegen.Lowered.*;
import static dev.chainrule.loops.Condition.Comparison.*;

import dev.chainrule.loops.ArrayRef;
import dev.chainrule.loops.Expr;
import dev.chainrule.loops.Expr.MathFunction;
import dev.chainrule.loops.LoweredClass;
import dev.chainrule.loops.LoweredMethod;
import dev.chainrule.loops.RuntimeParameter;
import dev.chainrule.loops.Stmt;
import dev.chainrule.loops.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * A hand-lowered class that uses every expression and statement kind, in one precision, with a
 * 3x2 weight ({@code in_out}, so rows of 3) and 12 outputs that expose the intermediate values:
 * outputs 0-6 are the six comparisons and an If chain on inputs a and b, which
 * {@link #expectedComparisons} recomputes in plain Java, NaN included.
 */
final class EveryConstruct {

    static final int OUTPUTS = 12;

    private EveryConstruct() {}

    static LoweredClass of(boolean doublePrecision) {
        Type real = Type.real(doublePrecision);
        Type other = doublePrecision ? Type.FLOAT : Type.DOUBLE;
        ArrayRef inputs = field("inputs", real, 1);
        ArrayRef outputs = field("outputs", real, 1);
        ArrayRef weight = field("weight", real, 2);
        ArrayRef gradient = field("gradient", real, 2);
        Expr a = local("a", real);
        Expr b = local("b", real);
        Expr i = index("i");
        Expr o = index("o");
        Expr one = num(real, 1);
        Expr zero = num(real, 0);

        List<Stmt> forward = new ArrayList<>(List.of(
                comment("convert the input to the network's precision"),
                loop("i", 0, 3, store(inputs, List.of(i), to(real, load(param("x"), i)))),
                declare("a", real, load(inputs, i(0))),
                declare("b", real, load(inputs, i(1))),
                comment("every comparison, as a select"),
                store(outputs, List.of(i(0)), select(GT, a, b, a, b)),
                store(outputs, List.of(i(1)), select(GE, a, b, one, zero)),
                store(outputs, List.of(i(2)), select(LT, a, b, one, num(real, -1))),
                store(outputs, List.of(i(3)), select(LE, a, b, num(real, 2), num(real, 3))),
                store(outputs, List.of(i(4)), select(EQ, a, b, one, zero)),
                store(outputs, List.of(i(5)), select(NE, a, b, one, zero)),
                comment("and as guards"),
                declare("flag", real, zero),
                when(cond(GT, a, b), assign("flag", one)),
                when(cond(LT, a, b), assign("flag", sub(local("flag", real), one))),
                when(cond(NE, a, b), assign("flag", add(local("flag", real), num(real, 10)))),
                when(cond(GE, a, b), declare("inner", real, num(real, 100)),
                        assign("flag", add(local("flag", real), local("inner", real)))),
                when(cond(LE, a, b), declare("inner", real, num(real, 1000)),
                        assign("flag", add(local("flag", real), local("inner", real)))),
                when(cond(EQ, a, b), assign("flag", neg(local("flag", real)))),
                store(outputs, List.of(i(6)), local("flag", real)),
                comment("math calls on doubles, the other precision, negation"),
                declare("wide", other, to(other, a)),
                store(outputs, List.of(i(7)), to(real, sub(add(
                        math(MathFunction.EXP, to(Type.DOUBLE, local("wide", other))),
                        math(MathFunction.TANH, to(Type.DOUBLE, b))),
                        math(MathFunction.LOG, mul(to(Type.DOUBLE, b), to(Type.DOUBLE, b)))))),
                comment("scalar fields: an int counter, a real, a double total"),
                storeScalar("counter", add(scalar("counter", Type.INT), i(1))),
                store(outputs, List.of(i(8)), to(real, scalar("counter", Type.INT))),
                storeScalar("product", mul(a, b)),
                storeScalar("total", add(scalar("total", Type.DOUBLE),
                        to(Type.DOUBLE, scalar("product", real)))),
                store(outputs, List.of(i(9)), neg(div(scalar("product", real),
                        sub(num(real, -0.5), neg(a))))),
                call("forward_part2")));
        LoweredMethod forwardMethod = new LoweredMethod("forward", true,
                List.of(arrayParam("x")), null, forward, "");
        LoweredMethod part2 = helper("forward_part2", List.of(arrayParam("x")),
                comment("weight rows through row locals, int arithmetic in indices"),
                store(outputs, List.of(i(10)), zero),
                loop("i", 0, 2,
                        declare("row", real.arrayOf(), load(weight, i)),
                        loop("o", 0, 3, store(outputs, List.of(i(10)),
                                add(load(outputs, i(10)), mul(load(row("row", real), o),
                                        to(real, add(i, mul(o, i(200))))))))),
                declare("n", Type.INT, to(Type.INT, load(param("x"), i(2)))),
                store(outputs, List.of(i(11)), to(real, select(GE, local("n", Type.INT), i(2),
                        div(load(param("x"), sub(i(3), i(1))), num(Type.DOUBLE, 3.0)),
                        sub(load(param("x"), i(0)), num(Type.DOUBLE, -2.5))))),
                when(cond(EQ, load(param("x"), i(2)), num(Type.DOUBLE, 12345)), ret(null)),
                store(outputs, List.of(i(11)), add(load(outputs, i(11)),
                        to(real, div(local("n", Type.INT), i(-3))))),
                comment("a while loop filling an int array field, in a scope; max"),
                scope(declare("k", Type.INT, i(0)),
                        whileLoop(cond(LT, local("k", Type.INT), i(3)),
                                store(field("picks", Type.INT, 1), List.of(local("k", Type.INT)),
                                        sub(i(2), local("k", Type.INT))),
                                assign("k", add(local("k", Type.INT), i(1)))),
                        store(outputs, List.of(i(10)), max(load(outputs, i(10)),
                                to(real, load(field("picks", Type.INT, 1), i(0)))))),
                comment("a whole rank-1 field as a row local"),
                declare("all", real.arrayOf(), load(outputs)),
                store(row("all", real), List.of(i(11)),
                        mul(load(row("all", real), i(11)), num(real, 0.5))));
        LoweredMethod lossOf = override("lossOf", List.of(arrayParam("t")), Type.DOUBLE,
                declare("sum", Type.DOUBLE, to(Type.DOUBLE, scalar("product", real))),
                loop("o", 0, OUTPUTS, assign("sum", add(local("sum", Type.DOUBLE),
                        mul(to(Type.DOUBLE, load(outputs, o)), load(param("t"), o))))),
                ret(local("sum", Type.DOUBLE)));
        LoweredMethod output = override("output", List.of(arrayParam("y")), null,
                loop("o", 0, OUTPUTS,
                        store(param("y"), List.of(o), to(Type.DOUBLE, load(outputs, o)))));
        LoweredMethod backward = override("backward", List.of(arrayParam("t")), null,
                loop("i", 0, 2,
                        declare("gradientRow", real.arrayOf(), load(gradient, i)),
                        loop("o", 0, 3, store(row("gradientRow", real), List.of(o),
                                add(load(row("gradientRow", real), o), mul(load(inputs, i),
                                        to(real, load(param("t"), o))))))));
        LoweredMethod update = override("update",
                List.of(new LoweredMethod.Param("step", false)), null,
                declare("s", real, to(real, local("step", Type.DOUBLE))),
                loop("i", 0, 2,
                        declare("row", real.arrayOf(), load(weight, i)),
                        declare("g", real.arrayOf(), load(gradient, i)),
                        loop("o", 0, 3, store(row("row", real), List.of(o),
                                sub(load(row("row", real), o),
                                        mul(local("s", real), load(row("g", real), o)))))),
                call("clearGradients"));
        LoweredMethod clearGradients = override("clearGradients", List.of(), null,
                loop("i", 0, 2, loop("o", 0, 3, store(gradient, List.of(i, o), zero))));
        return new LoweredClass("test.every", doublePrecision ? "EveryDouble" : "EveryFloat",
                List.of("every construct"), "every", 3, OUTPUTS, doublePrecision, false,
                List.of(new RuntimeParameter("fc.weight", RuntimeParameter.Storage.IN_OUT,
                        List.of(3, 2), "zeros")), List.of("weight"), List.of("gradient"),
                List.of(array("weight", real, 2, 3), array("gradient", real, 2, 3),
                        array("inputs", real, 3), array("outputs", real, OUTPUTS),
                        array("picks", Type.INT, 3),
                        scalarField("counter", Type.INT), scalarField("product", real),
                        scalarField("total", Type.DOUBLE)),
                List.of(forwardMethod, part2, lossOf, output, backward, update,
                        clearGradients));
    }

    /** Outputs 0-6 as Java source computes them from inputs a and b (in float or double). */
    static double[] expectedComparisons(double x0, double x1, boolean doublePrecision) {
        if (!doublePrecision) {
            float a = (float) x0;
            float b = (float) x1;
            float flag = 0;
            if (a > b) flag = 1;
            if (a < b) flag = flag - 1;
            if (a != b) flag = flag + 10;
            if (a >= b) flag = flag + 100;
            if (a <= b) flag = flag + 1000;
            if (a == b) flag = -flag;
            return new double[] {a > b ? a : b, a >= b ? 1 : 0, a < b ? 1 : -1, a <= b ? 2 : 3,
                a == b ? 1 : 0, a != b ? 1 : 0, flag};
        }
        double a = x0;
        double b = x1;
        double flag = 0;
        if (a > b) flag = 1;
        if (a < b) flag = flag - 1;
        if (a != b) flag = flag + 10;
        if (a >= b) flag = flag + 100;
        if (a <= b) flag = flag + 1000;
        if (a == b) flag = -flag;
        return new double[] {a > b ? a : b, a >= b ? 1 : 0, a < b ? 1 : -1, a <= b ? 2 : 3,
            a == b ? 1 : 0, a != b ? 1 : 0, flag};
    }
}
