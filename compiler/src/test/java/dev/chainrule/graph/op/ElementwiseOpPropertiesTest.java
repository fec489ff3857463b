package dev.chainrule.graph.op;

import dev.chainrule.graph.Shape;
import dev.chainrule.graph.Tensor;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * VJP and JVP of every elementwise op kind against central differences ({@link OpCheck}), at
 * random shapes ([], [n], [r, c]) and inputs in each op's safe domain: log and sqrt of positive
 * values, relu, abs, sign and step at least 0.1 from their kink, powers of negative bases only
 * for integer exponents. Binary ops run every numpy broadcasting pattern of rank ≤ 2 in each
 * try, and once with one leaf on both sides (x op x: two contributions to one adjoint).
 */
class ElementwiseOpPropertiesTest {

    static Shape shape(int rank, int rows, int cols) {
        return rank == 0 ? Shape.SCALAR : rank == 1 ? Shape.of(rows) : Shape.of(rows, cols);
    }

    private static void unary(Unary.Kind kind, int rank, int rows, int cols, long seed) {
        Random rnd = new Random(seed);
        Shape s = shape(rank, rows, cols);
        Tensor x = switch (kind) {
            case LOG, SQRT -> OpCheck.uniform(rnd, s, 0.2, 3, false);
            case ABS, RELU, SIGN, STEP -> OpCheck.uniform(rnd, s, 0.1, 2, true);
            case NEG, EXP, TANH, SIGMOID -> OpCheck.uniform(rnd, s, 0, 2, true);
        };
        OpCheck.op(new Unary(kind), rnd, x);
    }

    @Property(tries = 200) @Covers(op = Unary.class, kind = "NEG")
    void neg(@ForAll @IntRange(max = 2) int rank, @ForAll @IntRange(min = 1, max = 4) int rows,
             @ForAll @IntRange(min = 1, max = 4) int cols, @ForAll long seed) {
        unary(Unary.Kind.NEG, rank, rows, cols, seed);
    }

    @Property(tries = 200) @Covers(op = Unary.class, kind = "EXP")
    void exp(@ForAll @IntRange(max = 2) int rank, @ForAll @IntRange(min = 1, max = 4) int rows,
             @ForAll @IntRange(min = 1, max = 4) int cols, @ForAll long seed) {
        unary(Unary.Kind.EXP, rank, rows, cols, seed);
    }

    @Property(tries = 200) @Covers(op = Unary.class, kind = "LOG")
    void log(@ForAll @IntRange(max = 2) int rank, @ForAll @IntRange(min = 1, max = 4) int rows,
             @ForAll @IntRange(min = 1, max = 4) int cols, @ForAll long seed) {
        unary(Unary.Kind.LOG, rank, rows, cols, seed);
    }

    @Property(tries = 200) @Covers(op = Unary.class, kind = "SQRT")
    void sqrt(@ForAll @IntRange(max = 2) int rank, @ForAll @IntRange(min = 1, max = 4) int rows,
              @ForAll @IntRange(min = 1, max = 4) int cols, @ForAll long seed) {
        unary(Unary.Kind.SQRT, rank, rows, cols, seed);
    }

    @Property(tries = 200) @Covers(op = Unary.class, kind = "ABS")
    void abs(@ForAll @IntRange(max = 2) int rank, @ForAll @IntRange(min = 1, max = 4) int rows,
             @ForAll @IntRange(min = 1, max = 4) int cols, @ForAll long seed) {
        unary(Unary.Kind.ABS, rank, rows, cols, seed);
    }

    @Property(tries = 200) @Covers(op = Unary.class, kind = "TANH")
    void tanh(@ForAll @IntRange(max = 2) int rank, @ForAll @IntRange(min = 1, max = 4) int rows,
              @ForAll @IntRange(min = 1, max = 4) int cols, @ForAll long seed) {
        unary(Unary.Kind.TANH, rank, rows, cols, seed);
    }

    @Property(tries = 200) @Covers(op = Unary.class, kind = "SIGMOID")
    void sigmoid(@ForAll @IntRange(max = 2) int rank, @ForAll @IntRange(min = 1, max = 4) int rows,
                 @ForAll @IntRange(min = 1, max = 4) int cols, @ForAll long seed) {
        unary(Unary.Kind.SIGMOID, rank, rows, cols, seed);
    }

    @Property(tries = 200) @Covers(op = Unary.class, kind = "RELU")
    void relu(@ForAll @IntRange(max = 2) int rank, @ForAll @IntRange(min = 1, max = 4) int rows,
              @ForAll @IntRange(min = 1, max = 4) int cols, @ForAll long seed) {
        unary(Unary.Kind.RELU, rank, rows, cols, seed);
    }

    /** sign' = 0 away from 0: both rules give no contribution, the differences 0. */
    @Property(tries = 200) @Covers(op = Unary.class, kind = "SIGN")
    void sign(@ForAll @IntRange(max = 2) int rank, @ForAll @IntRange(min = 1, max = 4) int rows,
              @ForAll @IntRange(min = 1, max = 4) int cols, @ForAll long seed) {
        unary(Unary.Kind.SIGN, rank, rows, cols, seed);
    }

    @Property(tries = 200) @Covers(op = Unary.class, kind = "STEP")
    void step(@ForAll @IntRange(max = 2) int rank, @ForAll @IntRange(min = 1, max = 4) int rows,
              @ForAll @IntRange(min = 1, max = 4) int cols, @ForAll long seed) {
        unary(Unary.Kind.STEP, rank, rows, cols, seed);
    }

    static final double[] INTEGER_EXPONENTS = {-3, -2, -1, 0, 1, 2, 3, 4};
    static final double[] REAL_EXPONENTS = {0.5, -0.5, 1.5, -1.5, 2.5, 1.0 / 3, -2.25};

    /** Every exponent in each try: integers on either sign, the others on positive bases. */
    @Property(tries = 100) @Covers(op = Power.class)
    void power(@ForAll @IntRange(max = 2) int rank, @ForAll @IntRange(min = 1, max = 4) int rows,
               @ForAll @IntRange(min = 1, max = 4) int cols, @ForAll long seed) {
        Random rnd = new Random(seed);
        Shape s = shape(rank, rows, cols);
        for (double p : INTEGER_EXPONENTS) {
            OpCheck.op(new Power(p), rnd, OpCheck.uniform(rnd, s, 0.5, 2, true));
        }
        for (double p : REAL_EXPONENTS) {
            OpCheck.op(new Power(p), rnd, OpCheck.uniform(rnd, s, 0.5, 2.5, false));
        }
    }

    /** Operand shapes for a result of [r, c] (or [c]): every broadcasting pattern of rank ≤ 2. */
    enum Broadcast {
        SCALARS, VECTORS, MATRICES,
        SCALAR_AND_VECTOR, VECTOR_AND_SCALAR, SCALAR_AND_MATRIX, MATRIX_AND_SCALAR,
        ROW_VECTOR_AND_MATRIX, MATRIX_AND_ROW_VECTOR,
        COLUMN_AND_MATRIX, MATRIX_AND_COLUMN, ROW_AND_MATRIX, MATRIX_AND_ROW,
        COLUMN_AND_ROW, ROW_AND_COLUMN, COLUMN_AND_VECTOR, VECTOR_AND_COLUMN,
        ONE_AND_VECTOR, VECTOR_AND_ONE, ONE_BY_ONE_AND_MATRIX, MATRIX_AND_ONE_BY_ONE,
        ONE_AND_MATRIX, SCALAR_AND_ONE_BY_ONE;

        Shape[] shapes(int r, int c) {
            Shape m = Shape.of(r, c);
            Shape v = Shape.of(c);
            Shape col = Shape.of(r, 1);
            Shape row = Shape.of(1, c);
            Shape s = Shape.SCALAR;
            return switch (this) {
                case SCALARS -> new Shape[] {s, s};
                case VECTORS -> new Shape[] {v, v};
                case MATRICES -> new Shape[] {m, m};
                case SCALAR_AND_VECTOR -> new Shape[] {s, v};
                case VECTOR_AND_SCALAR -> new Shape[] {v, s};
                case SCALAR_AND_MATRIX -> new Shape[] {s, m};
                case MATRIX_AND_SCALAR -> new Shape[] {m, s};
                case ROW_VECTOR_AND_MATRIX -> new Shape[] {v, m};
                case MATRIX_AND_ROW_VECTOR -> new Shape[] {m, v};
                case COLUMN_AND_MATRIX -> new Shape[] {col, m};
                case MATRIX_AND_COLUMN -> new Shape[] {m, col};
                case ROW_AND_MATRIX -> new Shape[] {row, m};
                case MATRIX_AND_ROW -> new Shape[] {m, row};
                case COLUMN_AND_ROW -> new Shape[] {col, row};
                case ROW_AND_COLUMN -> new Shape[] {row, col};
                case COLUMN_AND_VECTOR -> new Shape[] {col, v};
                case VECTOR_AND_COLUMN -> new Shape[] {v, col};
                case ONE_AND_VECTOR -> new Shape[] {Shape.of(1), v};
                case VECTOR_AND_ONE -> new Shape[] {v, Shape.of(1)};
                case ONE_BY_ONE_AND_MATRIX -> new Shape[] {Shape.of(1, 1), m};
                case MATRIX_AND_ONE_BY_ONE -> new Shape[] {m, Shape.of(1, 1)};
                case ONE_AND_MATRIX -> new Shape[] {Shape.of(1), m};
                case SCALAR_AND_ONE_BY_ONE -> new Shape[] {s, Shape.of(1, 1)};
            };
        }
    }

    private static void binary(Binary.Kind kind, int rows, int cols, long seed) {
        Random rnd = new Random(seed);
        for (Broadcast pattern : Broadcast.values()) {
            Shape[] s = pattern.shapes(rows, cols);
            OpCheck.op(new Binary(kind), rnd, operand(kind, 0, s[0], rnd),
                    operand(kind, 1, s[1], rnd));
        }
        for (int rank = 0; rank <= 2; rank++) {
            Shape s = shape(rank, rows, cols);
            OpCheck.wired(new Binary(kind), new int[] {0, 0}, rnd, operand(kind, 1, s, rnd));
        }
    }

    /** A divisor stays at least 0.5 from 0. */
    private static Tensor operand(Binary.Kind kind, int side, Shape s, Random rnd) {
        return kind == Binary.Kind.DIV && side == 1 ? OpCheck.uniform(rnd, s, 0.5, 2, true)
                : OpCheck.uniform(rnd, s, 0, 2, true);
    }

    @Property(tries = 100) @Covers(op = Binary.class, kind = "ADD")
    void add(@ForAll @IntRange(min = 1, max = 4) int rows,
             @ForAll @IntRange(min = 1, max = 4) int cols, @ForAll long seed) {
        binary(Binary.Kind.ADD, rows, cols, seed);
    }

    @Property(tries = 100) @Covers(op = Binary.class, kind = "SUB")
    void sub(@ForAll @IntRange(min = 1, max = 4) int rows,
             @ForAll @IntRange(min = 1, max = 4) int cols, @ForAll long seed) {
        binary(Binary.Kind.SUB, rows, cols, seed);
    }

    @Property(tries = 100) @Covers(op = Binary.class, kind = "MUL")
    void mul(@ForAll @IntRange(min = 1, max = 4) int rows,
             @ForAll @IntRange(min = 1, max = 4) int cols, @ForAll long seed) {
        binary(Binary.Kind.MUL, rows, cols, seed);
    }

    @Property(tries = 100) @Covers(op = Binary.class, kind = "DIV")
    void div(@ForAll @IntRange(min = 1, max = 4) int rows,
             @ForAll @IntRange(min = 1, max = 4) int cols, @ForAll long seed) {
        binary(Binary.Kind.DIV, rows, cols, seed);
    }
}
