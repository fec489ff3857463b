package dev.chainrule.graph.op;

import static dev.chainrule.graph.op.ElementwiseOpPropertiesTest.shape;

import dev.chainrule.graph.Shape;
import dev.chainrule.graph.Tensor;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * VJP and JVP of the non-elementwise ops against central differences ({@link OpCheck}) at
 * random shapes: leaves and constants, every matmul case, outer, transpose, softmax and
 * log-softmax, the reductions, sum_to and broadcast_to between every pair of shapes one
 * broadcasts to the other (the identity included), and the three losses with both inputs
 * differentiated (softmax cross-entropy with targets that do not sum to 1).
 */
class StructuralOpPropertiesTest {

    private static Tensor values(Random rnd, Shape s) {
        return OpCheck.uniform(rnd, s, 0, 2, true);
    }

    /** y = x itself: d loss / d x = w. */
    @Property(tries = 100) @Covers(op = Leaf.class)
    void leaf(@ForAll @IntRange(max = 2) int rank, @ForAll @IntRange(min = 1, max = 4) int rows,
              @ForAll @IntRange(min = 1, max = 4) int cols, @ForAll long seed) {
        Random rnd = new Random(seed);
        OpCheck.graph(b -> 0, rnd, values(rnd, shape(rank, rows, cols)));
    }

    /** x + C and C ⊙ x for a constant C of any shape that broadcasts with x. */
    @Property(tries = 50) @Covers(op = Constant.class)
    void constant(@ForAll @IntRange(min = 1, max = 4) int rows,
                  @ForAll @IntRange(min = 1, max = 4) int cols, @ForAll long seed) {
        Random rnd = new Random(seed);
        for (Shape[] s : BroadcastPatterns.operands(rows, cols)) {
            Tensor c = values(rnd, s[1]);
            for (Binary.Kind kind : List.of(Binary.Kind.ADD, Binary.Kind.MUL)) {
                OpCheck.graph(b -> b.add(new Binary(kind), 0, b.add(new Constant(c))), rnd,
                        values(rnd, s[0]));
            }
        }
    }

    /** [r,c]@[c], [r,c]@[c,k], [c]@[c,k], [n]@[n], all in each try. */
    @Property(tries = 100) @Covers(op = MatMul.class)
    void matmul(@ForAll @IntRange(min = 1, max = 4) int r, @ForAll @IntRange(min = 1, max = 4) int c,
                @ForAll @IntRange(min = 1, max = 4) int k, @ForAll long seed) {
        Random rnd = new Random(seed);
        MatMul mm = new MatMul();
        OpCheck.op(mm, rnd, values(rnd, Shape.of(r, c)), values(rnd, Shape.of(c)));
        OpCheck.op(mm, rnd, values(rnd, Shape.of(r, c)), values(rnd, Shape.of(c, k)));
        OpCheck.op(mm, rnd, values(rnd, Shape.of(c)), values(rnd, Shape.of(c, k)));
        OpCheck.op(mm, rnd, values(rnd, Shape.of(c)), values(rnd, Shape.of(c)));
        OpCheck.wired(mm, new int[] {0, 0}, rnd, values(rnd, Shape.of(c)));
        OpCheck.wired(mm, new int[] {0, 0}, rnd, values(rnd, Shape.of(c, c)));
    }

    @Property(tries = 150) @Covers(op = Outer.class)
    void outer(@ForAll @IntRange(min = 1, max = 4) int r, @ForAll @IntRange(min = 1, max = 4) int c,
               @ForAll long seed) {
        Random rnd = new Random(seed);
        OpCheck.op(new Outer(), rnd, values(rnd, Shape.of(r)), values(rnd, Shape.of(c)));
    }

    @Property(tries = 150) @Covers(op = Transpose.class)
    void transpose(@ForAll @IntRange(min = 1, max = 4) int r,
                   @ForAll @IntRange(min = 1, max = 4) int c, @ForAll long seed) {
        Random rnd = new Random(seed);
        OpCheck.op(new Transpose(), rnd, values(rnd, Shape.of(r, c)));
    }

    @Property(tries = 200) @Covers(op = Softmax.class)
    void softmax(@ForAll @IntRange(min = 1, max = 6) int n, @ForAll long seed) {
        Random rnd = new Random(seed);
        OpCheck.op(new Softmax(), rnd, OpCheck.uniform(rnd, Shape.of(n), 0, 3, true));
    }

    @Property(tries = 200) @Covers(op = LogSoftmax.class)
    void logSoftmax(@ForAll @IntRange(min = 1, max = 6) int n, @ForAll long seed) {
        Random rnd = new Random(seed);
        OpCheck.op(new LogSoftmax(), rnd, OpCheck.uniform(rnd, Shape.of(n), 0, 3, true));
    }

    @Property(tries = 150) @Covers(op = Sum.class)
    void sum(@ForAll @IntRange(max = 2) int rank, @ForAll @IntRange(min = 1, max = 4) int rows,
             @ForAll @IntRange(min = 1, max = 4) int cols, @ForAll long seed) {
        Random rnd = new Random(seed);
        OpCheck.op(new Sum(), rnd, values(rnd, shape(rank, rows, cols)));
    }

    @Property(tries = 150) @Covers(op = Mean.class)
    void mean(@ForAll @IntRange(max = 2) int rank, @ForAll @IntRange(min = 1, max = 4) int rows,
              @ForAll @IntRange(min = 1, max = 4) int cols, @ForAll long seed) {
        Random rnd = new Random(seed);
        OpCheck.op(new Mean(), rnd, values(rnd, shape(rank, rows, cols)));
    }

    @Property(tries = 100) @Covers(op = SumTo.class)
    void sumTo(@ForAll @IntRange(min = 1, max = 4) int r, @ForAll @IntRange(min = 1, max = 4) int c,
               @ForAll long seed) {
        Random rnd = new Random(seed);
        for (Shape[] p : BroadcastPatterns.pairs(r, c)) {
            OpCheck.op(new SumTo(p[1]), rnd, values(rnd, p[0]));
        }
    }

    @Property(tries = 100) @Covers(op = BroadcastTo.class)
    void broadcastTo(@ForAll @IntRange(min = 1, max = 4) int r,
                     @ForAll @IntRange(min = 1, max = 4) int c, @ForAll long seed) {
        Random rnd = new Random(seed);
        for (Shape[] p : BroadcastPatterns.pairs(r, c)) {
            OpCheck.op(new BroadcastTo(p[0]), rnd, values(rnd, p[1]));
        }
    }

    @Property(tries = 150) @Covers(op = SquaredError.class)
    void squaredError(@ForAll @IntRange(max = 2) int rank,
                      @ForAll @IntRange(min = 1, max = 4) int rows,
                      @ForAll @IntRange(min = 1, max = 4) int cols, @ForAll long seed) {
        Random rnd = new Random(seed);
        Shape s = shape(rank, rows, cols);
        OpCheck.op(new SquaredError(), rnd, values(rnd, s), values(rnd, s));
    }

    @Property(tries = 150) @Covers(op = MeanSquaredError.class)
    void meanSquaredError(@ForAll @IntRange(max = 2) int rank,
                          @ForAll @IntRange(min = 1, max = 4) int rows,
                          @ForAll @IntRange(min = 1, max = 4) int cols, @ForAll long seed) {
        Random rnd = new Random(seed);
        Shape s = shape(rank, rows, cols);
        OpCheck.op(new MeanSquaredError(), rnd, values(rnd, s), values(rnd, s));
    }

    /**
     * The softmax family is computed max-shifted: logits shifted by ±700 or ±10⁴ (where a naive
     * exp overflows or underflows) give the same softmax, log-softmax and cross-entropy (all
     * three are shift-invariant), to the rounding of z + shift itself.
     */
    @Property(tries = 100)
    void softmaxFamilyIsStableAtLargeLogits(@ForAll @IntRange(min = 1, max = 6) int n,
                                            @ForAll long seed) {
        Random rnd = new Random(seed);
        Tensor z = OpCheck.uniform(rnd, Shape.of(n), 0, 3, true);
        Tensor t = OpCheck.uniform(rnd, Shape.of(n), 0, 1, false);
        for (double shift : new double[] {700, -700, 1e4, -1e4}) {
            double[] moved = z.data().clone();
            for (int k = 0; k < n; k++) {
                moved[k] += shift;
            }
            Tensor zs = new Tensor(z.shape(), moved);
            double tol = 1e-9;
            close(new Softmax().eval(List.of(z)), new Softmax().eval(List.of(zs)), tol);
            close(new LogSoftmax().eval(List.of(z)), new LogSoftmax().eval(List.of(zs)), tol);
            close(new SoftmaxCrossEntropy().eval(List.of(z, t)),
                    new SoftmaxCrossEntropy().eval(List.of(zs, t)), tol * n);
        }
    }

    private static void close(Tensor want, Tensor got, double tol) {
        for (int k = 0; k < want.data().length; k++) {
            double d = Math.abs(want.data()[k] - got.data()[k]);
            if (!(d <= tol)) {
                throw new AssertionError("expected " + want + ", got " + got);
            }
        }
    }

    /** Targets anywhere in [0, 1], so Σt ≠ 1: the gradient is softmax(z)·Σt − t. */
    @Property(tries = 200) @Covers(op = SoftmaxCrossEntropy.class)
    void softmaxCrossEntropy(@ForAll @IntRange(min = 1, max = 6) int n, @ForAll long seed) {
        Random rnd = new Random(seed);
        OpCheck.op(new SoftmaxCrossEntropy(), rnd, OpCheck.uniform(rnd, Shape.of(n), 0, 3, true),
                OpCheck.uniform(rnd, Shape.of(n), 0, 1, false));
    }

    /** The layer form's variant, against targets that sum to 1: its gradient softmax(z) − t. */
    @Property(tries = 200) @Covers(op = SoftmaxCrossEntropy.class)
    void softmaxCrossEntropyOfADistribution(@ForAll @IntRange(min = 1, max = 6) int n,
                                            @ForAll long seed) {
        Random rnd = new Random(seed);
        Tensor t = OpCheck.uniform(rnd, Shape.of(n), 0, 1, false);
        double total = java.util.Arrays.stream(t.data()).sum();
        double[] p = java.util.Arrays.stream(t.data()).map(v -> v / total).toArray();
        OpCheck.op(new SoftmaxCrossEntropy(true), rnd,
                OpCheck.uniform(rnd, Shape.of(n), 0, 3, true), new Tensor(Shape.of(n), p));
    }
}
