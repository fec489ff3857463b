package dev.chainrule.lower;

import static dev.chainrule.lower.Code.add;
import static dev.chainrule.lower.Code.load;
import static dev.chainrule.lower.Code.local;
import static dev.chainrule.lower.Code.mul;
import static dev.chainrule.lower.Code.store;

import dev.chainrule.loops.ArrayRef;
import dev.chainrule.loops.Condition;
import dev.chainrule.loops.Expr;
import dev.chainrule.loops.Stmt;
import dev.chainrule.loops.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The gradient g xᵀ of a large layer's weight, added a block of samples at a time: the minibatch
 * backward pass keeps each sample's g and the nonzero entries of its x in a slot, and
 * {@code finishGradients} adds the held samples row by row, up to eight samples per pass over a
 * gradient row ({@code G[i] = G[i] + x₀[i] g₀ + x₁[i] g₁ + ...}). That loads and stores each
 * row once per eight samples instead of once per sample, and only rows some held sample touches
 * are visited. Every element still receives its products in sample order, each rounded as the
 * sample-by-sample kernel rounds it, so the sum is the same bit for bit whenever the block is
 * flushed; the runtime flushes at the end of each chunk it accumulates, and the class flushes
 * itself when its slots are full or before it reads the accumulators.
 */
final class PendingOuters {

    /** Samples held before a flush: a chunk of {@code ParallelTrainer}, flushed at its end. */
    static final int SLOTS = dev.chainrule.runtime.ParallelTrainer.CHUNK_SIZE;
    /**
     * Samples per pass over a gradient row, as the dense products' rows per pass: eight
     * measured 1.01-1.05x (batch 32) and 1.04-1.2x (batch 128) over four on 784-256-128-10
     * (Zen 5, AVX-512, 2026-12-02).
     */
    private static final int BLOCK = 8;
    /**
     * The shortest gradient row worth holding: holding costs a copy of g and of x's list per
     * sample and one pass over the held lists, and saves row passes. Measured on MNIST (one
     * thread, batch 32 and 128, against sample by sample): rows of 256 over the raw input gain
     * (784-256: 1.07-1.15x), rows of 128 over it lose (784-128: 0.92-0.97x with four samples
     * per pass, 0.96-0.97x with eight and row marks; MNIST's 19% nonzero pixels give about 6
     * samples per row and flush); rows of 128 over a relu layer (half nonzero) gain.
     */
    static int minRow(boolean overInput) {
        return overInput ? 256 : 64;
    }

    private record Held(ArrayRef grad, Function<Expr, Expr> g, Function<Expr, Expr> x,
                        Storage.NonZeros list, int in, int out, String count,
                        ArrayRef.Field gs, ArrayRef.Field xs, ArrayRef.Field xi,
                        ArrayRef.Field xn, ArrayRef.Field rowCount, ArrayRef.Field rowSamples,
                        ArrayRef.Field rows, ArrayRef marks) {}

    private final GraphStorage storage;
    private final Type real;
    private final List<Held> held = new ArrayList<>();

    PendingOuters(GraphStorage storage, Type real) {
        this.storage = storage;
        this.real = real;
    }

    boolean isEmpty() {
        return held.isEmpty();
    }

    /**
     * Holds {@code grad += g xᵀ} ({@code grad} stored {@code [in][out]}, x listed by
     * {@code list}; each row marked in {@code marks}, if not null, when it is added into) and
     * returns the statements that hold one sample of it.
     */
    List<Stmt> hold(String name, ArrayRef grad, Function<Expr, Expr> g, Function<Expr, Expr> x,
                    Storage.NonZeros list, int in, int out, ArrayRef marks) {
        String p = "held_" + name;
        Held h = new Held(grad, g, x, list, in, out,
                storage.addScalar(p, Type.INT, "samples held for grad_" + name),
                storage.addArray(p + "_g", List.of(SLOTS, out), "each held sample's g"),
                storage.addArray(p + "_x", List.of(SLOTS, in),
                        "each held sample's x (its nonzero entries)"),
                storage.addIntArray(p + "_xi", SLOTS * in, "each held sample's nonzero list"),
                storage.addIntArray(p + "_xn", SLOTS, "the length of each held list"),
                storage.addIntArray(p + "_rowCount", in, "held samples per gradient row"),
                storage.addIntArray(p + "_rowSamples", in * SLOTS,
                        "the held samples of each gradient row, in order"),
                storage.addIntArray(p + "_rows", in, "the gradient rows held samples touch"),
                marks);
        held.add(h);
        Expr slot = local("slot", Type.INT);
        Expr k = local("k", Type.INT);
        Expr n = local("n", Type.INT);
        Expr i = local("i", Type.INT);
        ArrayRef row = new ArrayRef.Local("row", real);
        List<Stmt> copy = new ArrayList<>();
        copy.add(new Stmt.Declare("i", Type.INT, load(list.indices(), k)));
        copy.add(store(h.xi(), add(mul(slot, Code.index(in)), k), i));
        copy.add(store(row, i, x.apply(i)));
        copy.add(new Stmt.Assign("k", add(k, Code.index(1))));
        ArrayRef gRow = new ArrayRef.Local("gradRow", real);
        Expr o = local("o", Type.INT);
        return List.of(
                new Stmt.If(new Condition(Condition.Comparison.EQ, count(h),
                        Code.index(SLOTS)), List.of(new Stmt.Call("finishGradients"))),
                new Stmt.Scope(List.of(
                        new Stmt.Declare("slot", Type.INT, count(h)),
                        new Stmt.Declare("n", Type.INT, new Expr.ScalarField(list.count(),
                                Type.INT)),
                        store(h.xn(), slot, n),
                        new Stmt.Declare("row", real.arrayOf(), load(h.xs(), slot)),
                        new Stmt.Declare("k", Type.INT, Code.index(0)),
                        new Stmt.While(new Condition(Condition.Comparison.LT, k, n), copy),
                        new Stmt.Declare("gradRow", real.arrayOf(), load(h.gs(), slot)),
                        new Stmt.For("o", 0, out, List.of(store(gRow, o, g.apply(o)))),
                        new Stmt.StoreScalarField(h.count(), add(slot, Code.index(1))))));
    }

    private static Expr count(Held h) {
        return new Expr.ScalarField(h.count(), Type.INT);
    }

    /** {@code finishGradients}: adds every held sample into its gradient, then holds none. */
    List<Stmt> flush() {
        List<Stmt> out = new ArrayList<>();
        for (Held h : held) {
            out.add(new Stmt.Comment(byKernel(h)
                    ? "grad += the held samples' g xᵀ, each touched row over its samples at once"
                    : "grad += the held samples' g xᵀ, " + BLOCK + " samples per pass over a row"));
            out.add(new Stmt.Scope(flush(h)));
        }
        return out;
    }

    /** Clears the held samples without adding them ({@code clearGradients}). */
    List<Stmt> drop() {
        List<Stmt> out = new ArrayList<>();
        for (Held h : held) {
            out.add(new Stmt.StoreScalarField(h.count(), Code.index(0)));
        }
        return out;
    }

    private List<Stmt> flush(Held h) {
        Expr slot = local("slot", Type.INT);
        Expr k = local("k", Type.INT);
        Expr n = local("n", Type.INT);
        Expr i = local("i", Type.INT);
        Expr c = local("c", Type.INT);
        Expr b = local("b", Type.INT);
        Expr rowsHeld = local("rowsHeld", Type.INT);
        // 1. each held sample's rows, in sample order, into per-row lists
        List<Stmt> entry = new ArrayList<>();
        entry.add(new Stmt.Declare("i", Type.INT,
                load(h.xi(), add(mul(slot, Code.index(h.in())), k))));
        entry.add(new Stmt.Declare("c", Type.INT, load(h.rowCount(), i)));
        entry.add(new Stmt.If(new Condition(Condition.Comparison.EQ, c, Code.index(0)), List.of(
                store(h.rows(), rowsHeld, i),
                new Stmt.Assign("rowsHeld", add(rowsHeld, Code.index(1))))));
        entry.add(store(h.rowSamples(), add(mul(i, Code.index(SLOTS)), c), slot));
        entry.add(store(h.rowCount(), i, add(c, Code.index(1))));
        entry.add(new Stmt.Assign("k", add(k, Code.index(1))));
        List<Stmt> sample = List.of(
                new Stmt.Declare("n", Type.INT, load(h.xn(), slot)),
                new Stmt.Declare("k", Type.INT, Code.index(0)),
                new Stmt.While(new Condition(Condition.Comparison.LT, k, n), entry),
                new Stmt.Assign("slot", add(slot, Code.index(1))));
        // 2. each touched row: its samples added (by the runtime's kernel for float, the same
        // sums in the same order; with the Vector API a row stays in registers across its
        // samples), the row marked and its count cleared
        boolean kernel = byKernel(h);
        List<Stmt> row = new ArrayList<>();
        row.add(new Stmt.Declare("i", Type.INT, load(h.rows(), b)));
        if (!kernel) {
            row.add(new Stmt.Declare("c", Type.INT, load(h.rowCount(), i)));
            row.add(new Stmt.Declare("row", real.arrayOf(), load(h.grad(), i)));
        }
        if (h.marks() != null) {
            row.add(store(h.marks(), i, Code.index(1)));
        }
        if (!kernel) {
            // BLOCK samples per pass, then the rest (1 to BLOCK - 1 samples) in one pass too
            row.add(new Stmt.Declare("k", Type.INT, Code.index(0)));
            row.add(new Stmt.While(new Condition(Condition.Comparison.LE,
                    add(k, Code.index(BLOCK)), c), pass(h, BLOCK)));
            for (int width = BLOCK - 1; width >= 1; width--) {
                row.add(new Stmt.If(new Condition(Condition.Comparison.EQ, add(k,
                        Code.index(width)), c), pass(h, width)));
            }
        }
        row.add(store(h.rowCount(), i, Code.index(0)));
        row.add(new Stmt.Assign("b", add(b, Code.index(1))));
        List<Stmt> out = new ArrayList<>(List.of(
                new Stmt.Declare("rowsHeld", Type.INT, Code.index(0)),
                new Stmt.Declare("slot", Type.INT, Code.index(0)),
                new Stmt.While(new Condition(Condition.Comparison.LT, slot, count(h)), sample)));
        if (kernel) {
            out.add(new Stmt.BatchKernel("addOuters", List.of(
                    new Stmt.BatchKernel.Array((ArrayRef.Field) h.grad()),
                    new Stmt.BatchKernel.Value(Code.index(h.out())),
                    new Stmt.BatchKernel.Array(h.gs()),
                    new Stmt.BatchKernel.Array(h.xs()),
                    new Stmt.BatchKernel.Array(h.rows()),
                    new Stmt.BatchKernel.Value(rowsHeld),
                    new Stmt.BatchKernel.Array(h.rowCount()),
                    new Stmt.BatchKernel.Array(h.rowSamples()),
                    new Stmt.BatchKernel.Value(Code.index(SLOTS)))));
        }
        out.add(new Stmt.Declare("b", Type.INT, Code.index(0)));
        out.add(new Stmt.While(new Condition(Condition.Comparison.LT, b, rowsHeld), row));
        out.add(new Stmt.StoreScalarField(h.count(), Code.index(0)));
        return out;
    }

    /** Float gradients go through the runtime's kernels (which are float only). */
    private boolean byKernel(Held h) {
        return real == Type.FLOAT && h.grad() instanceof ArrayRef.Field;
    }

    /** {@code row[o] = row[o] + a₀ g₀[o] + ...} for the row's next {@code width} samples. */
    private List<Stmt> pass(Held h, int width) {
        Expr i = local("i", Type.INT);
        Expr k = local("k", Type.INT);
        Expr o = local("o", Type.INT);
        ArrayRef row = new ArrayRef.Local("row", real);
        List<Stmt> body = new ArrayList<>();
        Expr total = load(row, o);
        for (int r = 0; r < width; r++) {
            String s = width == 1 ? "s" : "s" + r;
            String a = DenseKernels.name("a", r, width);
            ArrayRef g = new ArrayRef.Local(DenseKernels.name("g", r, width), real);
            body.add(new Stmt.Declare(s, Type.INT, load(h.rowSamples(),
                    add(mul(i, Code.index(SLOTS)), r == 0 ? k : add(k, Code.index(r))))));
            body.add(new Stmt.Declare(a, real, load(h.xs(), local(s, Type.INT), i)));
            body.add(new Stmt.Declare(g.name(), real.arrayOf(), load(h.gs(), local(s, Type.INT))));
            total = add(total, mul(local(a, real), load(g, o)));
        }
        body.add(new Stmt.For("o", 0, h.out(), List.of(store(row, o, total))));
        body.add(new Stmt.Assign("k", add(k, Code.index(width))));
        return body;
    }
}
