package dev.chainrule.loops;

import java.util.List;

/**
 * Expressions of the lowered form. Every expression has one {@link Type}; binary operands have
 * the same type and every conversion is explicit, so both backends perform exactly the same
 * operations in the same order, and results agree bit for bit.
 */
public sealed interface Expr {

    Type type();

    /** A numeric constant of a scalar type (an INT constant holds a whole number). */
    record Const(Type type, double value) implements Expr {}

    record Local(String name, Type type) implements Expr {}

    /** A scalar field of the generated class. */
    record ScalarField(String name, Type type) implements Expr {}

    /**
     * Element of an array: as many indices as its rank gives a scalar; one index fewer on a
     * rank-2 field gives a row.
     */
    record Load(ArrayRef array, List<Expr> indices) implements Expr {
        public Load {
            indices = List.copyOf(indices);
        }

        @Override
        public Type type() {
            return indices.size() == array.rank() ? array.element() : array.element().arrayOf();
        }
    }

    record Binary(BinaryOp op, Expr left, Expr right) implements Expr {
        public Binary {
            if (left.type() != right.type()) {
                throw new IllegalArgumentException(op + " of " + left.type() + " and "
                        + right.type());
            }
        }

        @Override public Type type() { return left.type(); }
    }

    record Negate(Expr operand) implements Expr {
        @Override public Type type() { return operand.type(); }
    }

    /** A primitive conversion (int→real, float↔double). */
    record Convert(Expr operand, Type type) implements Expr {}

    /**
     * {@code Math.exp}, {@code Math.log}, {@code Math.sqrt}, or the runtime's {@code Tanh.tanh},
     * of a double.
     */
    record MathCall(MathFunction function, Expr argument) implements Expr {
        public MathCall {
            if (argument.type() != Type.DOUBLE) {
                throw new IllegalArgumentException(function + " takes a double");
            }
        }

        @Override public Type type() { return Type.DOUBLE; }
    }

    /**
     * {@code Math.max(left, right)} of two reals: branch-free (an intrinsic C2 also vectorizes),
     * with Java's semantics: NaN if either is NaN, and +0 above −0.
     */
    record Max(Expr left, Expr right) implements Expr {
        public Max {
            if (left.type() != right.type()
                    || left.type() != Type.FLOAT && left.type() != Type.DOUBLE) {
                throw new IllegalArgumentException("max of " + left.type() + " and "
                        + right.type());
            }
        }

        @Override public Type type() { return left.type(); }
    }

    /** {@code Math.pow(base, exponent)} of two doubles. */
    record Pow(Expr base, Expr exponent) implements Expr {
        public Pow {
            if (base.type() != Type.DOUBLE || exponent.type() != Type.DOUBLE) {
                throw new IllegalArgumentException("pow takes doubles");
            }
        }

        @Override public Type type() { return Type.DOUBLE; }
    }

    /**
     * {@code listNonZeros(source, from, length, indices)}, inherited from the runtime: writes the
     * positions (counted from {@code from}, increasing) of the nonzero elements of
     * {@code source[from .. from + length - 1]} into {@code indices} and evaluates to their count.
     * The one expression that writes memory: a sparse input's list, stored into its count field.
     */
    record ListNonZeros(ArrayRef.Parameter source, int from, int length, ArrayRef.Field indices)
            implements Expr {
        @Override public Type type() { return Type.INT; }
    }

    /** {@code condition ? ifTrue : ifFalse}. */
    record Select(Condition condition, Expr ifTrue, Expr ifFalse) implements Expr {
        @Override public Type type() { return ifTrue.type(); }
    }

    enum BinaryOp { ADD, SUB, MUL, DIV }

    enum MathFunction { EXP, LOG, TANH, SQRT }
}
