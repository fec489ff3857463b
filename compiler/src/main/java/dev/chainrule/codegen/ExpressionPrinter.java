package dev.chainrule.codegen;

import dev.chainrule.loops.ArrayRef;
import dev.chainrule.loops.Condition;
import dev.chainrule.loops.Expr;
import dev.chainrule.loops.Type;
import java.util.List;

/**
 * Prints lowered expressions as Java source with the fewest parentheses that keep the exact
 * evaluation tree: Java's binary operators associate to the left, so a right operand of equal
 * precedence is parenthesized ({@code a - (b - c)}), and so is any operand of lower precedence.
 * Constants print exactly ({@link Float#toString} round-trips), so javac reads back the very bits.
 */
final class ExpressionPrinter {

    private static final int ADDITIVE = 1;
    private static final int MULTIPLICATIVE = 2;
    private static final int UNARY = 3;
    private static final int PRIMARY = 4;

    private ExpressionPrinter() {}

    static String print(Expr expr) {
        if (expr instanceof Expr.Const c) {
            return constant(c.type(), c.value());
        }
        if (expr instanceof Expr.Local l) {
            return l.name();
        }
        if (expr instanceof Expr.ScalarField f) {
            return f.name();
        }
        if (expr instanceof Expr.Load load) {
            if (load.array() instanceof ArrayRef.Scalars v) {
                return v.field(load.indices().get(0));
            }
            return load.array().name() + indices(load.indices());
        }
        if (expr instanceof Expr.Binary b) {
            int precedence = precedence(b);
            return operand(b.left(), precedence) + " " + symbol(b.op()) + " "
                    + operand(b.right(), precedence + 1);
        }
        if (expr instanceof Expr.Negate n) {
            // "-" before an operand that starts with "-" would read as "--".
            boolean startsWithMinus = n.operand() instanceof Expr.Negate
                    || isNegativeConstant(n.operand());
            String operand = print(n.operand());
            return "-" + (startsWithMinus || precedence(n.operand()) < UNARY
                    ? "(" + operand + ")" : operand);
        }
        if (expr instanceof Expr.Convert c) {
            return "(" + JavaTypes.keyword(c.type()) + ") " + operand(c.operand(), UNARY);
        }
        if (expr instanceof Expr.MathCall m) {
            // tanh is inherited from GeneratedNetwork (Math.tanh is no C2 intrinsic on JDK 17).
            String owner = m.function() == Expr.MathFunction.TANH ? "" : "Math.";
            return owner + m.function().name().toLowerCase(java.util.Locale.ROOT) + "("
                    + print(m.argument()) + ")";
        }
        if (expr instanceof Expr.Pow p) {
            return "Math.pow(" + print(p.base()) + ", " + print(p.exponent()) + ")";
        }
        if (expr instanceof Expr.Max m) {
            return "Math.max(" + print(m.left()) + ", " + print(m.right()) + ")";
        }
        if (expr instanceof Expr.ListNonZeros l) {
            // inherited from GeneratedNetwork
            return "listNonZeros(" + l.source().name() + ", " + l.from() + ", " + l.length()
                    + ", " + l.indices().name() + ")";
        }
        if (expr instanceof Expr.Select s) {
            return "(" + print(s.condition()) + " ? " + print(s.ifTrue()) + " : "
                    + print(s.ifFalse()) + ")";
        }
        throw new IllegalArgumentException("unknown expression " + expr);
    }

    /** {@code left > right}; relational operators bind looser than any arithmetic. */
    static String print(Condition condition) {
        return print(condition.left()) + " " + symbol(condition.comparison()) + " "
                + print(condition.right());
    }

    /** {@code [i][j + 1]}. */
    private static String indices(List<Expr> indices) {
        StringBuilder text = new StringBuilder();
        for (Expr index : indices) {
            text.append('[').append(print(index)).append(']');
        }
        return text.toString();
    }

    /** The literal for a constant; NaN and the infinities have no literal, so name them. */
    static String constant(Type type, double value) {
        if (type == Type.INT) {
            return Integer.toString((int) value);
        }
        String boxed = type == Type.FLOAT ? "Float" : "Double";
        if (Double.isNaN(value)) {
            return boxed + ".NaN";
        }
        if (Double.isInfinite(value)) {
            return boxed + (value < 0 ? ".NEGATIVE_INFINITY" : ".POSITIVE_INFINITY");
        }
        return type == Type.FLOAT ? Float.toString((float) value) + "f" : Double.toString(value);
    }

    private static String operand(Expr expr, int required) {
        String text = print(expr);
        // A negative literal reads badly after an operator ("a - -1.0f"), so it gets parentheses.
        return precedence(expr) < required || isNegativeConstant(expr) ? "(" + text + ")" : text;
    }

    /** A constant printed with a leading minus sign (including {@code -0.0f}). */
    private static boolean isNegativeConstant(Expr expr) {
        return expr instanceof Expr.Const c && constant(c.type(), c.value()).startsWith("-");
    }

    private static int precedence(Expr expr) {
        if (expr instanceof Expr.Binary b) {
            return b.op() == Expr.BinaryOp.ADD || b.op() == Expr.BinaryOp.SUB
                    ? ADDITIVE : MULTIPLICATIVE;
        }
        if (expr instanceof Expr.Negate || expr instanceof Expr.Convert
                || isNegativeConstant(expr)) {
            return UNARY;
        }
        return PRIMARY;
    }

    static String symbol(Expr.BinaryOp op) {
        return switch (op) {
            case ADD -> "+";
            case SUB -> "-";
            case MUL -> "*";
            case DIV -> "/";
        };
    }

    private static String symbol(Condition.Comparison comparison) {
        return switch (comparison) {
            case GT -> ">";
            case GE -> ">=";
            case LT -> "<";
            case LE -> "<=";
            case EQ -> "==";
            case NE -> "!=";
        };
    }
}
