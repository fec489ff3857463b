package dev.chainrule.graph.op;

import dev.chainrule.graph.Node;
import dev.chainrule.graph.Shape;
import dev.chainrule.graph.Tensor;
import dev.chainrule.loops.Stmt;
import java.util.List;

/** Repeats a value to {@code target} as numpy broadcasting does; its adjoint is {@link SumTo}. */
public record BroadcastTo(Shape target) implements Op {

    @Override public String mnemonic() {
        return "broadcast_to " + target;
    }

    @Override public Shape shape(List<Shape> in) {
        Checks.arity(this, in, 1);
        Checks.require(target.equals(Shape.broadcast(in.get(0), target)),
                "cannot broadcast " + in.get(0) + " to " + target);
        return target;
    }

    @Override public Tensor eval(List<Tensor> in) {
        double[] y = new double[target.size()];
        for (int i = 0; i < target.rows(); i++) {
            for (int j = 0; j < target.cols(); j++) {
                y[i * target.cols() + j] = in.get(0).data()[
                        in.get(0).shape().sourceIndex(target, i, j)];
            }
        }
        return new Tensor(target, y);
    }

    @Override public List<Integer> vjp(Rules r, Node y, int g) {
        return List.of(r.unbroadcast(g, r.shape(y.input(0))));
    }

    @Override public int jvp(Rules r, Node y, List<Integer> tangents) {
        return r.broadcast(tangents.get(0), target);
    }

    @Override public List<Stmt> lower(Emit e, Node y) {
        return e.forEach(target, (i, j) -> List.of(e.store(y, i, j,
                e.broadcastElement(y.input(0), target, i, j))));
    }
}
