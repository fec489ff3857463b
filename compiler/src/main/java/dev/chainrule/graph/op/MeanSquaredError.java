package dev.chainrule.graph.op;

import dev.chainrule.graph.Node;
import dev.chainrule.graph.Shape;
import dev.chainrule.graph.Tensor;
import dev.chainrule.loops.Expr;
import dev.chainrule.loops.Stmt;
import java.util.ArrayList;
import java.util.List;

/** mean (y − t)² over n elements. Adjoints: dy = g (2/n)(y − t), dt = −dy. */
public record MeanSquaredError() implements Op {

    @Override public String mnemonic() {
        return "mse";
    }

    @Override public Shape shape(List<Shape> in) {
        return Losses.shape("mse", this, in);
    }

    @Override public Tensor eval(List<Tensor> in) {
        double[] y = in.get(0).data();
        double[] t = in.get(1).data();
        return Tensor.scalar(Reduce.sum(in.get(0).shape(),
                k -> (y[k] - t[k]) * (y[k] - t[k])) / y.length);
    }

    @Override public List<Integer> vjp(Rules r, Node y, int g) {
        int n = r.shape(y.input(0)).size();
        int dy = r.times(r.times(g, r.constant(2.0 / n)), r.minus(y.input(0), y.input(1)));
        return List.of(dy, r.negate(dy));
    }

    @Override public int jvp(Rules r, Node y, List<Integer> tangents) {
        int d = r.minus(tangents.get(0), tangents.get(1));
        int n = r.shape(y.input(0)).size();
        return d == Rules.NONE ? Rules.NONE : r.times(r.constant(2.0 / n),
                r.sum(r.times(r.minus(y.input(0), y.input(1)), d)));
    }

    @Override public List<Stmt> lower(Emit e, Node y) {
        int n = e.shapeOf(y.input(0)).size();
        List<Stmt> body = new ArrayList<>(Reduce.into(e, "acc", e.shapeOf(y.input(0)),
                (i, j) -> Losses.squaredDifference(e, y, i, j)));
        body.add(e.store(y, null, null, new Expr.Binary(Expr.BinaryOp.DIV, e.local("acc"),
                e.constant(n))));
        return List.of(e.scope(body));
    }
}
