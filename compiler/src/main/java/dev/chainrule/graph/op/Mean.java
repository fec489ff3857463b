package dev.chainrule.graph.op;

import dev.chainrule.graph.Node;
import dev.chainrule.graph.Shape;
import dev.chainrule.graph.Tensor;
import dev.chainrule.loops.Stmt;
import java.util.ArrayList;
import java.util.List;

/** The mean of every element: their sum divided by their count. */
public record Mean() implements Op {

    @Override public String mnemonic() {
        return "mean";
    }

    @Override public Shape shape(List<Shape> in) {
        Checks.arity(this, in, 1);
        return Shape.SCALAR;
    }

    @Override public Tensor eval(List<Tensor> in) {
        return Tensor.scalar(Reduce.sum(in.get(0)) / in.get(0).shape().size());
    }

    @Override public List<Integer> vjp(Rules r, Node y, int g) {
        Shape s = r.shape(y.input(0));
        return List.of(r.broadcast(r.divide(g, r.constant(s.size())), s));
    }

    @Override public int jvp(Rules r, Node y, List<Integer> tangents) {
        int t = tangents.get(0);
        return t == Rules.NONE ? Rules.NONE : r.add(new Mean(), t);
    }

    @Override public List<Stmt> lower(Emit e, Node y) {
        Shape s = e.shapeOf(y.input(0));
        List<Stmt> body = new ArrayList<>(Reduce.into(e, "acc", s,
                (i, j) -> e.element(y.input(0), i, j)));
        body.add(e.store(y, null, null, new dev.chainrule.loops.Expr.Binary(
                dev.chainrule.loops.Expr.BinaryOp.DIV, e.local("acc"), e.constant(s.size()))));
        return List.of(e.scope(body));
    }
}
