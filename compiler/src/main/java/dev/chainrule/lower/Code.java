package dev.chainrule.lower;

import dev.chainrule.loops.ArrayRef;
import dev.chainrule.loops.Expr.BinaryOp;
import dev.chainrule.loops.Expr;
import dev.chainrule.loops.Stmt;
import dev.chainrule.loops.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Short constructors for lowered code, so lowering rules read like the math they emit. */
final class Code {

    private Code() {}

    static Expr index(int i) {
        return new Expr.Const(Type.INT, i);
    }

    static Expr constant(Type type, double value) {
        return new Expr.Const(type, value);
    }

    static Expr local(String name, Type type) {
        return new Expr.Local(name, type);
    }

    static Expr add(Expr a, Expr b) {
        return new Expr.Binary(BinaryOp.ADD, a, b);
    }

    static Expr sub(Expr a, Expr b) {
        return new Expr.Binary(BinaryOp.SUB, a, b);
    }

    static Expr mul(Expr a, Expr b) {
        return new Expr.Binary(BinaryOp.MUL, a, b);
    }

    static Expr load(ArrayRef array, Expr... indices) {
        return new Expr.Load(array, List.of(indices));
    }

    static Stmt store(ArrayRef array, Expr index, Expr value) {
        return new Stmt.Store(array, List.of(index), value);
    }

    static Stmt store(ArrayRef array, Expr row, Expr column, Expr value) {
        return new Stmt.Store(array, List.of(row, column), value);
    }

    static Expr convert(Expr e, Type to) {
        return e.type() == to ? e : new Expr.Convert(e, to);
    }

    /** {@code f(e)} computed in double through {@code Math}, rounded back to {@code e}'s type. */
    static Expr math(Expr.MathFunction f, Expr e) {
        return convert(new Expr.MathCall(f, convert(e, Type.DOUBLE)), e.type());
    }

    /**
     * Statements for every index {@code 0 <= k < n}: a counted loop over {@code var}, or, when
     * {@code unroll}, one copy per index with the index a constant (bodies must then declare no
     * locals).
     */
    static List<Stmt> each(String var, int n, boolean unroll, Function<Expr, List<Stmt>> body) {
        if (!unroll) {
            return List.of(new Stmt.For(var, 0, n, body.apply(local(var, Type.INT))));
        }
        List<Stmt> out = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            out.addAll(body.apply(index(k)));
        }
        return out;
    }
}
