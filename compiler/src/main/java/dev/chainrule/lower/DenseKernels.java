package dev.chainrule.lower;

import static dev.chainrule.lower.Code.add;
import static dev.chainrule.lower.Code.constant;
import static dev.chainrule.lower.Code.each;
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
import java.util.function.BinaryOperator;
import java.util.function.Function;

/**
 * The matrix kernels of a dense layer over a weight stored transposed, one row per input
 * ({@code W[i][o]}), so the hot loops are zero-offset loops over a row that C2 vectorizes:
 * {@code z += a[i] · W[i]} forward and {@code G[i] += a[i] · g} for the weight gradient.
 * Small layers are unrolled into straight-line code instead.
 *
 * <p>Inputs that may be exactly zero (data, relu outputs) are listed once per sample by the
 * forward pass ({@link Storage.NonZeros}); every later loop over that input's rows runs over the
 * list. A zero input adds nothing: since sums start at +0 and a sum of products never becomes
 * −0, skipping it is bit-identical to the plain loop.
 *
 * <p>Rows are processed several at a time. One pass over {@code z} adds eight rows (the
 * policy's {@code productBlock}; each element still receives its terms in row order, so the bits
 * are those of one row at a time): z is loaded and stored once per eight weight rows. Eight
 * measured 1.04-1.08x over four on 784-128-10 and 784-256-128-10 at batch 1, 32 and 128 (Zen 5,
 * AVX-512, JDK 17, 2026-12-02); on an AVX2 machine in November more than four had stopped C2
 * vectorizing. Four dot products of {@code Wᵀg} run side by side, which hides the latency of
 * each sum's dependent adds, and four gradient or update rows share one loop and the loads of
 * {@code g} (the policy's {@code rowBlock}): each of those rows is stored anyway.
 */
final class DenseKernels {

    /** The most rows a blocked kernel takes per pass (the policy picks; names exist up to it). */
    static final int MAX_BLOCK = 8;

    /** Local names the kernels use; the lowering keeps fields from taking them. */
    static final List<String> LOCALS = localNames();

    private DenseKernels() {}

    /**
     * {@code z = W a}; with {@code nonZeros} (made where {@code a} was computed), adds only the
     * rows of inputs that are not exactly zero.
     */
    static List<Stmt> matVec(ArrayRef z, ArrayRef w, Function<Expr, Expr> a, int rows, int cols,
                             boolean unroll, int block, Storage.NonZeros nonZeros, Type real) {
        if (unroll) {
            List<Stmt> out = new ArrayList<>();
            for (int o = 0; o < rows; o++) {
                Expr sum = null;
                for (int i = 0; i < cols; i++) {
                    Expr term = mul(a.apply(Code.index(i)), load(w, Code.index(i), Code.index(o)));
                    sum = sum == null ? term : add(sum, term);
                }
                out.add(store(z, Code.index(o), sum));
            }
            return out;
        }
        Expr o = local("o", Type.INT);
        List<Stmt> out = new ArrayList<>();
        out.add(new Stmt.For("o", 0, rows, List.of(store(z, o, constant(real, 0)))));
        out.add(new Stmt.Comment(block == 1 ? "z += a[i] · W[i]"
                : "z += a[i] · W[i], " + block + " rows per pass over z"));
        out.addAll(rowBlocks(nonZeros, cols, block, is -> {
            int width = is.size();
            List<Stmt> body = new ArrayList<>();
            Expr sum = load(z, o);
            for (int r = 0; r < width; r++) {
                String ar = name("a", r, width);
                body.add(new Stmt.Declare(ar, real, a.apply(is.get(r))));
                body.add(new Stmt.Declare(name("r", r, width), real.arrayOf(), load(w, is.get(r))));
                sum = add(sum, mul(local(ar, real), load(row(r, width, real), o)));
            }
            body.add(new Stmt.For("o", 0, rows, List.of(store(z, o, sum))));
            return body;
        }));
        return out;
    }

    /**
     * {@code d = Wᵀ g}: one dot product per weight row. With {@code mask}, only the rows the
     * mask lists are computed and every other element is +0: for use where the result is only
     * read multiplied by relu′ of the listed vector, which is 0 exactly where the list has no
     * entry. (The plain product would give ±0 there, or NaN from a non-finite sum; the masked
     * one gives +0 — the only difference, and one no finite training step can see.)
     */
    static List<Stmt> matTVec(ArrayRef d, ArrayRef w, Function<Expr, Expr> g, int rows, int cols,
                              boolean unroll, int block, Storage.NonZeros mask, Type real) {
        if (unroll) {
            List<Stmt> out = new ArrayList<>();
            for (int i = 0; i < cols; i++) {
                Expr sum = null;
                for (int o = 0; o < rows; o++) {
                    Expr term = mul(load(w, Code.index(i), Code.index(o)), g.apply(Code.index(o)));
                    sum = sum == null ? term : add(sum, term);
                }
                out.add(store(d, Code.index(i), sum));
            }
            return out;
        }
        Expr o = local("o", Type.INT);
        List<Stmt> out = new ArrayList<>();
        if (mask != null) {
            out.add(new Stmt.Comment("only rows whose relu passed: the rest are multiplied by 0"));
            out.add(new Stmt.For("j", 0, cols, List.of(store(d, local("j", Type.INT),
                    constant(real, 0)))));
        }
        out.addAll(rowBlocks(mask, cols, block, is -> {
            int width = is.size();
            List<Stmt> body = new ArrayList<>();
            List<Stmt> inner = new ArrayList<>();
            for (int r = 0; r < width; r++) {
                String acc = name("acc", r, width);
                body.add(new Stmt.Declare(name("r", r, width), real.arrayOf(), load(w, is.get(r))));
                body.add(new Stmt.Declare(acc, real, constant(real, 0)));
                inner.add(new Stmt.Assign(acc, add(local(acc, real),
                        mul(load(row(r, width, real), o), g.apply(o)))));
            }
            body.add(new Stmt.For("o", 0, rows, inner));
            for (int r = 0; r < width; r++) {
                body.add(store(d, is.get(r), local(name("acc", r, width), real)));
            }
            return body;
        }));
        return out;
    }

    /**
     * {@code G += g aᵀ}, never materializing the outer product; listed rows only, each marked in
     * {@code marks} (if not null) as it is written.
     */
    static List<Stmt> accumulateOuter(ArrayRef gradient, Function<Expr, Expr> g,
                                      Function<Expr, Expr> a, int rows, int cols, boolean unroll,
                                      int block, Storage.NonZeros nonZeros, Type real,
                                      ArrayRef marks) {
        return outerRows(gradient, g, a, rows, cols, unroll, block, nonZeros, real, Code::add,
                marks);
    }

    /**
     * {@code W -= step · (g aᵀ)} applied directly (batch 1): the same products as
     * {@link #accumulateOuter} followed by the update, without the accumulator pass; rows whose
     * input is exactly zero are not touched at all.
     */
    static List<Stmt> descendOuter(ArrayRef weight, Expr step, Function<Expr, Expr> g,
                                   Function<Expr, Expr> a, int rows, int cols, boolean unroll,
                                   int block, Storage.NonZeros nonZeros, Type real) {
        return outerRows(weight, g, a, rows, cols, unroll, block, nonZeros, real,
                (old, product) -> Code.sub(old, mul(step, product)), null);
    }

    /**
     * {@code target[i][o] = update(target[i][o], a[i] · g[o])} for every element, so the inner
     * loop runs over zero-offset rows: several rows per pass share the loop's overhead and the
     * loads of g (rows are independent, so this changes no bit).
     */
    private static List<Stmt> outerRows(ArrayRef target, Function<Expr, Expr> g,
                                        Function<Expr, Expr> a, int rows, int cols,
                                        boolean unroll, int block, Storage.NonZeros nonZeros,
                                        Type real, BinaryOperator<Expr> update,
                                        ArrayRef marks) {
        if (unroll) {
            List<Stmt> out = new ArrayList<>();
            for (int i = 0; i < cols; i++) {
                for (int o = 0; o < rows; o++) {
                    Expr ii = Code.index(i);
                    Expr oo = Code.index(o);
                    out.add(store(target, ii, oo, update.apply(load(target, ii, oo),
                            mul(a.apply(ii), g.apply(oo)))));
                }
            }
            return out;
        }
        Expr o = local("o", Type.INT);
        return rowBlocks(nonZeros, cols, block, is -> {
            int width = is.size();
            List<Stmt> body = new ArrayList<>();
            List<Stmt> inner = new ArrayList<>();
            for (int r = 0; r < width; r++) {
                String ar = name("a", r, width);
                ArrayRef row = row(r, width, real);
                body.add(new Stmt.Declare(ar, real, a.apply(is.get(r))));
                body.add(new Stmt.Declare(row.name(), real.arrayOf(), load(target, is.get(r))));
                if (marks != null) {
                    body.add(store(marks, is.get(r), Code.index(1)));
                }
                inner.add(store(row, o, update.apply(load(row, o), mul(local(ar, real),
                        g.apply(o)))));
            }
            body.add(new Stmt.For("o", 0, rows, inner));
            return body;
        });
    }

    /** {@code w -= step · G; G = 0} for a weight stored as rows. */
    static List<Stmt> updateMatrix(ArrayRef w, ArrayRef gradient, int rowCount, int rowLength,
                                   boolean unroll, Expr step, Type real) {
        if (unroll) {
            List<Stmt> out = new ArrayList<>();
            for (int i = 0; i < rowCount; i++) {
                for (int o = 0; o < rowLength; o++) {
                    Expr ii = Code.index(i);
                    Expr oo = Code.index(o);
                    out.add(store(w, ii, oo, Code.sub(load(w, ii, oo), mul(step, load(gradient, ii, oo)))));
                    out.add(store(gradient, ii, oo, constant(real, 0)));
                }
            }
            return out;
        }
        Expr o = local("o", Type.INT);
        ArrayRef wRow = new ArrayRef.Local("row", real);
        ArrayRef gRow = new ArrayRef.Local("gradRow", real);
        return List.of(new Stmt.For("i", 0, rowCount, List.of(
                new Stmt.Declare("row", real.arrayOf(), load(w, local("i", Type.INT))),
                new Stmt.Declare("gradRow", real.arrayOf(), load(gradient, local("i", Type.INT))),
                new Stmt.For("o", 0, rowLength, List.of(
                        store(wRow, o, Code.sub(load(wRow, o), mul(step, load(gRow, o)))),
                        store(gRow, o, constant(real, 0)))))));
    }

    /** {@code G = 0} for a gradient stored as rows. */
    static List<Stmt> clearMatrix(ArrayRef gradient, int rowCount, int rowLength, Type real) {
        ArrayRef gRow = new ArrayRef.Local("gradRow", real);
        return List.of(new Stmt.For("i", 0, rowCount, List.of(
                new Stmt.Declare("gradRow", real.arrayOf(), load(gradient, local("i", Type.INT))),
                new Stmt.For("o", 0, rowLength, List.of(
                        store(gRow, local("o", Type.INT), constant(real, 0)))))));
    }

    /**
     * Lists the indices of {@code a}'s nonzero elements, in increasing order. Every index is
     * written and kept only if counted, so there is no branch to mispredict.
     */
    static List<Stmt> listNonZeros(Storage.NonZeros list, Function<Expr, Expr> a,
                                           int cols, Type real) {
        Expr i = local("i", Type.INT);
        Expr n = local("n", Type.INT);
        Expr counted = new Expr.Select(new Condition(Condition.Comparison.NE, a.apply(i),
                constant(real, 0)), Code.index(1), Code.index(0));
        return List.of(
                new Stmt.Comment("list the elements that are not exactly zero: the loops over"
                        + " their rows skip the others"),
                new Stmt.Scope(List.of(
                        new Stmt.Declare("n", Type.INT, Code.index(0)),
                        new Stmt.For("i", 0, cols, List.of(
                                store(list.indices(), n, i),
                                new Stmt.Assign("n", add(n, counted)))),
                        new Stmt.StoreScalarField(list.count(), n))));
    }

    /**
     * Runs {@code body} over the rows, {@code block} at a time, then one at a time for the rest:
     * the rows {@code list} names, or all {@code 0 .. cols-1} when it is null. The body gets the
     * row indices as int expressions.
     */
    static List<Stmt> rowBlocks(Storage.NonZeros list, int cols, int block,
                                        Function<List<Expr>, List<Stmt>> body) {
        if (list == null) {
            List<Stmt> out = new ArrayList<>();
            if (block > 1 && cols >= block) {
                Expr first = mul(local("b", Type.INT), Code.index(block));
                List<Stmt> blocked = new ArrayList<>();
                blocked.addAll(declareIndices(block, l -> l == 0 ? first
                        : add(first, Code.index(l))));
                blocked.addAll(body.apply(indices(block)));
                out.add(new Stmt.For("b", 0, cols / block, blocked));
            }
            int rest = block > 1 ? cols / block * block : 0;
            if (rest < cols) {
                out.add(new Stmt.For("i", rest, cols, body.apply(indices(1))));
            }
            return out;
        }
        Expr k = local("k", Type.INT);
        Expr n = local("n", Type.INT);
        List<Stmt> scope = new ArrayList<>();
        scope.add(new Stmt.Declare("n", Type.INT, new Expr.ScalarField(list.count(), Type.INT)));
        scope.add(new Stmt.Declare("k", Type.INT, Code.index(0)));
        if (block > 1) {
            List<Stmt> blocked = new ArrayList<>();
            blocked.addAll(declareIndices(block, l -> load(list.indices(),
                    l == 0 ? k : add(k, Code.index(l)))));
            blocked.addAll(body.apply(indices(block)));
            blocked.add(new Stmt.Assign("k", add(k, Code.index(block))));
            scope.add(new Stmt.While(new Condition(Condition.Comparison.LE,
                    add(k, Code.index(block)), n), blocked));
        }
        List<Stmt> single = new ArrayList<>();
        single.addAll(declareIndices(1, l -> load(list.indices(), k)));
        single.addAll(body.apply(indices(1)));
        single.add(new Stmt.Assign("k", add(k, Code.index(1))));
        scope.add(new Stmt.While(new Condition(Condition.Comparison.LT, k, n), single));
        return List.of(new Stmt.Scope(scope));
    }

    private static List<Stmt> declareIndices(int width, Function<Integer, Expr> value) {
        List<Stmt> out = new ArrayList<>();
        for (int l = 0; l < width; l++) {
            out.add(new Stmt.Declare(name("i", l, width), Type.INT, value.apply(l)));
        }
        return out;
    }

    private static List<Expr> indices(int width) {
        List<Expr> out = new ArrayList<>();
        for (int l = 0; l < width; l++) {
            out.add(local(name("i", l, width), Type.INT));
        }
        return out;
    }

    static ArrayRef row(int l, int width, Type real) {
        return new ArrayRef.Local(name("r", l, width), real);
    }

    /** {@code i}, {@code ai}, {@code row}, {@code acc} alone; {@code i0}, {@code a0}... in a block. */
    static String name(String base, int l, int width) {
        if (width > 1) {
            return base + l;
        }
        return switch (base) {
            case "a" -> "ai";
            case "g" -> "gi";
            case "r" -> "row";
            default -> base;
        };
    }

    private static List<String> localNames() {
        List<String> out = new ArrayList<>(List.of("n", "k", "b", "o", "ai", "gi", "row",
                "gradRow", "c", "s", "slot", "rowsHeld"));
        for (String base : List.of("i", "a", "g", "r", "s", "acc")) {
            for (int r = 0; r < MAX_BLOCK; r++) {
                out.add(base + r);
            }
        }
        return List.copyOf(out);
    }
}
