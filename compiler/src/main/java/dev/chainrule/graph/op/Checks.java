package dev.chainrule.graph.op;

import dev.chainrule.graph.Shape;
import java.util.List;

/** Shape-rule checks shared by the ops; messages name the op and every shape it was given. */
final class Checks {

    private Checks() {}

    static void arity(Op op, List<Shape> in, int expected) {
        if (in.size() != expected) {
            throw new IllegalArgumentException(op.mnemonic() + " takes " + expected
                    + " inputs, got " + in.size());
        }
    }

    static void require(boolean ok, String message) {
        if (!ok) {
            throw new ShapeError(message);
        }
    }

    /** {@code [2, 3] and [4]}. */
    static String both(List<Shape> in) {
        return in.get(0) + " and " + in.get(1);
    }
}
