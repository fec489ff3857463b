package dev.chainrule.codegen;

import static dev.chainrule.codegen.Lowered.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.loops.Condition.Comparison;
import dev.chainrule.loops.Expr;
import dev.chainrule.loops.Expr.MathFunction;
import dev.chainrule.loops.Type;
import org.junit.jupiter.api.Test;

class ExpressionPrinterTest {

    private static final Expr A = local("a", Type.FLOAT);
    private static final Expr B = local("b", Type.FLOAT);
    private static final Expr C = local("c", Type.FLOAT);
    private static final Expr D = local("d", Type.DOUBLE);

    @Test
    void parenthesizesOnlyWhereTheTreeNeedsIt() {
        assertEquals("a - b - c", print(sub(sub(A, B), C)));
        assertEquals("a - (b - c)", print(sub(A, sub(B, C))));
        assertEquals("a + (b + c)", print(add(A, add(B, C))));
        assertEquals("a + b * c", print(add(A, mul(B, C))));
        assertEquals("(a + b) * c", print(mul(add(A, B), C)));
        assertEquals("a / (b * c)", print(div(A, mul(B, C))));
        assertEquals("a * b / c", print(div(mul(A, B), C)));
    }

    @Test
    void unaryOperators() {
        assertEquals("-a * b", print(mul(neg(A), B)));
        assertEquals("-(a * b)", print(neg(mul(A, B))));
        assertEquals("-(-a)", print(neg(neg(A))));
        assertEquals("-(-1.0f)", print(neg(num(Type.FLOAT, -1))));
        assertEquals("a - -b", print(sub(A, neg(B))));
        assertEquals("(double) (a + b)", print(to(Type.DOUBLE, add(A, B))));
        assertEquals("(double) a * (double) b", print(mul(to(Type.DOUBLE, A), to(Type.DOUBLE, B))));
        assertEquals("(float) -d", print(to(Type.FLOAT, neg(D))));
        assertEquals("(int) d", print(to(Type.INT, D)));
    }

    @Test
    void constantsAreExact() {
        assertEquals("0.1f", print(num(Type.FLOAT, 0.1)));
        assertEquals("0.1", print(num(Type.DOUBLE, 0.1)));
        assertEquals("1.0E-4f", print(num(Type.FLOAT, 1e-4)));
        assertEquals("1.4E-45f", print(num(Type.FLOAT, Float.MIN_VALUE)));
        assertEquals("4.9E-324", print(num(Type.DOUBLE, Double.MIN_VALUE)));
        assertEquals("-0.0f", print(num(Type.FLOAT, -0.0)));
        assertEquals("Float.NaN", print(num(Type.FLOAT, Double.NaN)));
        assertEquals("Double.NEGATIVE_INFINITY", print(num(Type.DOUBLE,
                Double.NEGATIVE_INFINITY)));
        assertEquals("-7", print(i(-7)));
        assertEquals("a - (-1.0f)", print(sub(A, num(Type.FLOAT, -1))));
        assertEquals("(-2.5) * d", print(mul(num(Type.DOUBLE, -2.5), D)));
    }

    @Test
    void callsSelectsLoadsAndConditions() {
        assertEquals("Math.exp(d)", print(math(MathFunction.EXP, D)));
        assertEquals("tanh(d * d)", print(math(MathFunction.TANH, mul(D, D))));
        assertEquals("(a > b ? a : b + c)", print(select(Comparison.GT, A, B, A, add(B, C))));
        assertEquals("(a <= b + c ? 1.0f : 0.0f) * c", print(mul(select(Comparison.LE, A,
                add(B, C), num(Type.FLOAT, 1), num(Type.FLOAT, 0)), C)));
        assertEquals("w[i + 1][j]", print(load(field("w", Type.FLOAT, 2),
                add(index("i"), i(1)), index("j"))));
        assertEquals("w[i]", print(load(field("w", Type.FLOAT, 2), index("i"))));
        assertEquals("x[0] != d", ExpressionPrinter.print(cond(Comparison.NE,
                load(param("x"), i(0)), D)));
    }

    private static String print(Expr expr) {
        return ExpressionPrinter.print(expr);
    }
}
