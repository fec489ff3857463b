package dev.chainrule.graph.op;

import dev.chainrule.graph.Node;
import dev.chainrule.graph.Shape;
import dev.chainrule.graph.Tensor;
import dev.chainrule.loops.Expr;
import dev.chainrule.loops.Stmt;
import dev.chainrule.loops.Type;
import java.util.List;

/**
 * {@code x ** p} elementwise for a constant {@code p}, as {@code Math.pow} (so integer powers of
 * negative bases are defined, as in Python). Derivative: {@code p · x^(p−1)}, and 0 for
 * {@code p = 0} everywhere, x = 0 included (as PyTorch).
 */
public record Power(double exponent) implements Op, Elementwise {

    @Override public String mnemonic() {
        return "pow " + exponent;
    }

    @Override public Shape shape(List<Shape> in) {
        Checks.arity(this, in, 1);
        return in.get(0);
    }

    @Override public Tensor eval(List<Tensor> in) {
        return in.get(0).map(x -> Math.pow(x, exponent));
    }

    /** x⁰ is constant: no derivative at all (p · x^(p−1) would be 0 · 0⁻¹ = NaN at x = 0). */
    private int derivative(Rules r, Node y, int d) {
        if (exponent == 0) {
            return Rules.NONE;
        }
        int slope = exponent == 1 ? r.constant(1)
                : r.times(r.constant(exponent), r.add(new Power(exponent - 1), y.input(0)));
        return r.times(d, slope);
    }

    @Override public List<Integer> vjp(Rules r, Node y, int g) {
        return List.of(derivative(r, y, g));
    }

    @Override public int jvp(Rules r, Node y, List<Integer> tangents) {
        return tangents.get(0) == Rules.NONE ? Rules.NONE : derivative(r, y, tangents.get(0));
    }

    @Override public Expr element(Emit e, Node y, Expr i, Expr j) {
        Expr x = e.element(y.input(0), i, j);
        Expr base = x.type() == Type.DOUBLE ? x : new Expr.Convert(x, Type.DOUBLE);
        Expr pow = new Expr.Pow(base, new Expr.Const(Type.DOUBLE, exponent));
        return pow.type() == e.real() ? pow : new Expr.Convert(pow, e.real());
    }

    @Override public List<Stmt> lower(Emit e, Node y) {
        return e.forEach(y.shape(), (i, j) -> List.of(e.store(y, i, j, element(e, y, i, j))));
    }
}
