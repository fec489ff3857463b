package dev.chainrule.graph.op;

import dev.chainrule.loops.Expr;
import dev.chainrule.loops.Type;

/**
 * Int index arithmetic for lowerings that address values of rank 3 or 4 by their flat index:
 * constants fold, so a fully unrolled index is one constant.
 */
public final class Indices {

    private Indices() {}

    public static Expr constant(int k) {
        return new Expr.Const(Type.INT, k);
    }

    public static Expr add(Expr a, Expr b) {
        if (a instanceof Expr.Const x && b instanceof Expr.Const y) {
            return constant((int) (x.value() + y.value()));
        }
        if (a instanceof Expr.Const x && x.value() == 0) {
            return b;
        }
        if (b instanceof Expr.Const y && y.value() == 0) {
            return a;
        }
        return new Expr.Binary(Expr.BinaryOp.ADD, a, b);
    }

    public static Expr add(Expr a, int b) {
        return add(a, constant(b));
    }

    public static Expr mul(Expr a, int b) {
        if (a instanceof Expr.Const x) {
            return constant((int) x.value() * b);
        }
        return b == 1 ? a : b == 0 ? constant(0)
                : new Expr.Binary(Expr.BinaryOp.MUL, a, constant(b));
    }

    /** {@code a / d} for a non-negative index {@code a}. */
    public static Expr div(Expr a, int d) {
        if (a instanceof Expr.Const x) {
            return constant((int) x.value() / d);
        }
        return d == 1 ? a : new Expr.Binary(Expr.BinaryOp.DIV, a, constant(d));
    }

    /**
     * {@code a % d} for a non-negative index {@code a}, as {@code a - a / d * d}; just {@code a}
     * when {@code below} says it is already below d.
     */
    public static Expr rem(Expr a, int d, boolean below) {
        if (below) {
            return a;
        }
        if (d == 1) {
            return constant(0);
        }
        if (a instanceof Expr.Const x) {
            return constant((int) x.value() % d);
        }
        return new Expr.Binary(Expr.BinaryOp.SUB, a, mul(div(a, d), d));
    }

    /** The flat row-major index of element (i, j) of a value of shape {@code s}. */
    public static Expr flat(dev.chainrule.graph.Shape s, Expr i, Expr j) {
        return s.isScalar() ? constant(0) : s.isMatrix() ? add(mul(i, s.cols()), j) : i;
    }

    /** The (i, j) of the element at flat index {@code k} of a value of shape {@code s}. */
    public static Expr[] element(dev.chainrule.graph.Shape s, Expr k) {
        return s.isScalar() ? new Expr[] {constant(0), constant(0)}
                : s.isMatrix() ? new Expr[] {div(k, s.cols()), rem(k, s.cols(), false)}
                : new Expr[] {k, null};
    }
}
