package dev.chainrule.graph.op;

import dev.chainrule.graph.Shape;
import java.util.List;

/** The numpy broadcasting patterns of rank ≤ 2 that the op tests run, for given r and c. */
public final class BroadcastPatterns {

    private BroadcastPatterns() {}

    /**
     * Operand shape pairs of a binary op: equal shapes, a scalar on either side, [c] with
     * [r, c], [r, 1] and [1, c] with [r, c] and with each other, [1] and [1, 1] with larger
     * shapes; each on both sides.
     */
    public static List<Shape[]> operands(int r, int c) {
        Shape s = Shape.SCALAR;
        Shape v = Shape.of(c);
        Shape m = Shape.of(r, c);
        Shape col = Shape.of(r, 1);
        Shape row = Shape.of(1, c);
        Shape one = Shape.of(1);
        Shape oneByOne = Shape.of(1, 1);
        return List.of(pair(s, s), pair(v, v), pair(m, m),
                pair(s, v), pair(v, s), pair(s, m), pair(m, s),
                pair(v, m), pair(m, v), pair(col, m), pair(m, col), pair(row, m), pair(m, row),
                pair(col, row), pair(row, col), pair(col, v), pair(v, col),
                pair(one, v), pair(v, one), pair(oneByOne, m), pair(m, oneByOne),
                pair(one, m), pair(s, oneByOne));
    }

    /** (wide, narrow) pairs where narrow broadcasts to wide, the identities included. */
    public static List<Shape[]> pairs(int r, int c) {
        Shape s = Shape.SCALAR;
        Shape v = Shape.of(c);
        Shape m = Shape.of(r, c);
        return List.of(pair(s, s), pair(v, s), pair(v, Shape.of(1)), pair(v, v), pair(m, s),
                pair(m, Shape.of(1)), pair(m, Shape.of(1, 1)), pair(m, v), pair(m, Shape.of(1, c)),
                pair(m, Shape.of(r, 1)), pair(m, m), pair(Shape.of(1), s),
                pair(Shape.of(1, 1), s), pair(Shape.of(1, c), v));
    }

    private static Shape[] pair(Shape a, Shape b) {
        return new Shape[] {a, b};
    }
}
