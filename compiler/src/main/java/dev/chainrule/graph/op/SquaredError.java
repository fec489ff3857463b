package dev.chainrule.graph.op;

import dev.chainrule.graph.Node;
import dev.chainrule.graph.Shape;
import dev.chainrule.graph.Tensor;
import dev.chainrule.loops.Stmt;
import java.util.ArrayList;
import java.util.List;

/** ½ Σ (y − t)². Adjoints: dy = g (y − t), dt = −g (y − t). */
public record SquaredError() implements Op {

    @Override public String mnemonic() {
        return "squared_error";
    }

    @Override public Shape shape(List<Shape> in) {
        return Losses.shape("squared_error", this, in);
    }

    @Override public Tensor eval(List<Tensor> in) {
        double[] y = in.get(0).data();
        double[] t = in.get(1).data();
        return Tensor.scalar(0.5 * Reduce.sum(in.get(0).shape(),
                k -> (y[k] - t[k]) * (y[k] - t[k])));
    }

    @Override public List<Integer> vjp(Rules r, Node y, int g) {
        int dy = r.times(g, r.minus(y.input(0), y.input(1)));
        return List.of(dy, r.negate(dy));
    }

    @Override public int jvp(Rules r, Node y, List<Integer> tangents) {
        int d = r.minus(tangents.get(0), tangents.get(1));
        return d == Rules.NONE ? Rules.NONE : r.sum(r.times(r.minus(y.input(0), y.input(1)), d));
    }

    @Override public List<Stmt> lower(Emit e, Node y) {
        List<Stmt> body = new ArrayList<>(Reduce.into(e, "acc", e.shapeOf(y.input(0)),
                (i, j) -> Losses.squaredDifference(e, y, i, j)));
        body.add(e.store(y, null, null, Reduce.times(e.constant(0.5), e.local("acc"))));
        return List.of(e.scope(body));
    }
}
