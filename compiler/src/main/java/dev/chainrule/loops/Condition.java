package dev.chainrule.loops;

/**
 * A comparison of two values of the same scalar type, with Java's semantics (any comparison
 * with NaN is false, except {@code !=}).
 */
public record Condition(Comparison comparison, Expr left, Expr right) {

    public Condition {
        if (left.type() != right.type()) {
            throw new IllegalArgumentException(comparison + " of " + left.type() + " and "
                    + right.type());
        }
    }

    public enum Comparison { GT, GE, LT, LE, EQ, NE }
}
