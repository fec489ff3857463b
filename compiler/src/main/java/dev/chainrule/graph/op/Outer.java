package dev.chainrule.graph.op;

import dev.chainrule.graph.Node;
import dev.chainrule.graph.Shape;
import dev.chainrule.graph.Tensor;
import dev.chainrule.loops.Expr;
import dev.chainrule.loops.Stmt;
import java.util.List;

/** {@code u vᵀ}: the outer product of {@code [r]} and {@code [c]}, a weight gradient's form. */
public record Outer() implements Op {

    @Override public String mnemonic() {
        return "outer";
    }

    @Override public Shape shape(List<Shape> in) {
        Checks.arity(this, in, 2);
        Checks.require(in.get(0).isVector() && in.get(1).isVector(),
                "outer needs two vectors, got " + Checks.both(in));
        return Shape.of(in.get(0).rows(), in.get(1).rows());
    }

    @Override public Tensor eval(List<Tensor> in) {
        double[] u = in.get(0).data();
        double[] v = in.get(1).data();
        double[] y = new double[u.length * v.length];
        for (int i = 0; i < u.length; i++) {
            for (int j = 0; j < v.length; j++) {
                y[i * v.length + j] = u[i] * v[j];
            }
        }
        return new Tensor(shape(List.of(in.get(0).shape(), in.get(1).shape())), y);
    }

    // Y = u vᵀ: du = G v, dv = Gᵀ u = u @ G
    @Override public List<Integer> vjp(Rules r, Node y, int g) {
        return List.of(r.add(new MatMul(), g, y.input(1)), r.add(new MatMul(), y.input(0), g));
    }

    @Override public int jvp(Rules r, Node y, List<Integer> tangents) {
        int tu = tangents.get(0);
        int tv = tangents.get(1);
        return r.plus(tu == Rules.NONE ? Rules.NONE : r.add(new Outer(), tu, y.input(1)),
                tv == Rules.NONE ? Rules.NONE : r.add(new Outer(), y.input(0), tv));
    }

    @Override public List<Stmt> lower(Emit e, Node y) {
        return e.forEach(y.shape(), (i, j) -> List.of(e.store(y, i, j, new Expr.Binary(
                Expr.BinaryOp.MUL, e.element(y.input(0), i, null),
                e.element(y.input(1), j, null)))));
    }
}
