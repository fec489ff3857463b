package dev.chainrule.graph.op;

import dev.chainrule.graph.Node;
import dev.chainrule.graph.Shape;
import dev.chainrule.graph.Tensor;
import dev.chainrule.loops.Stmt;
import java.util.ArrayList;
import java.util.List;

/** The sum of every element, a scalar. Adjoint: g repeated to the input's shape. */
public record Sum() implements Op {

    @Override public String mnemonic() {
        return "sum";
    }

    @Override public Shape shape(List<Shape> in) {
        Checks.arity(this, in, 1);
        return Shape.SCALAR;
    }

    @Override public Tensor eval(List<Tensor> in) {
        return Tensor.scalar(Reduce.sum(in.get(0)));
    }

    @Override public List<Integer> vjp(Rules r, Node y, int g) {
        return List.of(r.broadcast(g, r.shape(y.input(0))));
    }

    @Override public int jvp(Rules r, Node y, List<Integer> tangents) {
        return r.sum(tangents.get(0));
    }

    @Override public List<Stmt> lower(Emit e, Node y) {
        Shape s = e.shapeOf(y.input(0));
        List<Stmt> body = new ArrayList<>(Reduce.into(e, "acc", s,
                (i, j) -> e.element(y.input(0), i, j)));
        body.add(e.store(y, null, null, e.local("acc")));
        return List.of(e.scope(body));
    }
}
