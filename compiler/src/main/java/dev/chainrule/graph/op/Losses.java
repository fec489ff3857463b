package dev.chainrule.graph.op;

import dev.chainrule.graph.Node;
import dev.chainrule.graph.Shape;
import dev.chainrule.loops.Expr;
import java.util.List;

/** What the losses of a prediction y and a target t share: their shape rule and (y − t)². */
final class Losses {

    private Losses() {}

    static Shape shape(String name, Op op, List<Shape> in) {
        Checks.arity(op, in, 2);
        Checks.require(in.get(0).equals(in.get(1)),
                name + " needs a prediction and a target of one shape, got " + Checks.both(in));
        return Shape.SCALAR;
    }

    /** (y − t)² at (i, j), the difference computed once. */
    static Expr squaredDifference(Emit e, Node loss, Expr i, Expr j) {
        Expr d = Reduce.minus(e.element(loss.input(0), i, j), e.element(loss.input(1), i, j));
        return Reduce.times(d, d);
    }
}
