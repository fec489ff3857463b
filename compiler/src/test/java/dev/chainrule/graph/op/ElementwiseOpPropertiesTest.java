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

    private static void binary(Binary.Kind kind, int rows, int cols, long seed) {
        Random rnd = new Random(seed);
        for (Shape[] s : BroadcastPatterns.operands(rows, cols)) {
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
