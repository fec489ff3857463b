package dev.chainrule.lower;

import static dev.chainrule.lower.Code.add;
import static dev.chainrule.lower.Code.constant;
import static dev.chainrule.lower.Code.each;
import static dev.chainrule.lower.Code.load;
import static dev.chainrule.lower.Code.local;
import static dev.chainrule.lower.Code.mul;
import static dev.chainrule.lower.Code.store;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.IntFunction;

/**
 * The matrix kernels of a dense layer over a weight stored transposed, one row per input
 * ({@code W[i][o]}), so the hot loops are zero-offset axpy over a row that C2 vectorizes:
 * {@code z += a[i] · W[i]} forward and {@code G[i] += a[i] · g} for the weight gradient.
 * Small layers are unrolled into straight-line code instead.
 */
final class DenseKernels {

    private DenseKernels() {}

    /**
     * {@code z = W a}. With {@code skipZeros}, inputs that are exactly 0 are skipped: they add
     * nothing, and since {@code z} starts at +0 and a sum of products never becomes −0, the result
     * is bit-identical to the plain loop.
     */
    static List<Stmt> matVec(ArrayRef z, ArrayRef w, IntFunction<Expr> aConst, Expr aLoop,
                             int rows, int cols, boolean unroll, boolean skipZeros, Type real) {
        if (unroll) {
            List<Stmt> out = new ArrayList<>();
            for (int o = 0; o < rows; o++) {
                Expr sum = null;
                for (int i = 0; i < cols; i++) {
                    Expr term = mul(aConst.apply(i), load(w, Code.index(i), Code.index(o)));
                    sum = sum == null ? term : add(sum, term);
                }
                out.add(store(z, Code.index(o), sum));
            }
            return out;
        }
        Expr o = local("o", Type.INT);
        Expr ai = local("ai", real);
        Stmt clear = new Stmt.For("o", 0, rows, List.of(store(z, o, constant(real, 0))));
        ArrayRef row = new ArrayRef.Local("row", real);
        List<Stmt> axpy = List.of(
                new Stmt.Declare("row", real.arrayOf(), load(w, local("i", Type.INT))),
                new Stmt.For("o", 0, rows, List.of(store(z, o, add(load(z, o),
                        mul(ai, load(row, o)))))));
        List<Stmt> body = new ArrayList<>();
        body.add(new Stmt.Declare("ai", real, aLoop));
        body.addAll(guard(skipZeros, ai, real, axpy));
        return List.of(clear, new Stmt.For("i", 0, cols, body));
    }

    /** {@code d = Wᵀ g}: one dot product per weight row. */
    static List<Stmt> matTVec(ArrayRef d, ArrayRef w, IntFunction<Expr> gConst, Expr gLoop,
                              int rows, int cols, boolean unroll, Type real) {
        if (unroll) {
            List<Stmt> out = new ArrayList<>();
            for (int i = 0; i < cols; i++) {
                Expr sum = null;
                for (int o = 0; o < rows; o++) {
                    Expr term = mul(load(w, Code.index(i), Code.index(o)), gConst.apply(o));
                    sum = sum == null ? term : add(sum, term);
                }
                out.add(store(d, Code.index(i), sum));
            }
            return out;
        }
        Expr o = local("o", Type.INT);
        Expr acc = local("acc", real);
        ArrayRef row = new ArrayRef.Local("row", real);
        return List.of(new Stmt.For("i", 0, cols, List.of(
                new Stmt.Declare("row", real.arrayOf(), load(w, local("i", Type.INT))),
                new Stmt.Declare("acc", real, constant(real, 0)),
                new Stmt.For("o", 0, rows, List.of(
                        new Stmt.Assign("acc", add(acc, mul(load(row, o), gLoop))))),
                store(d, local("i", Type.INT), acc))));
    }

    /** {@code G += g aᵀ}, never materializing the outer product; zeros of {@code a} skipped. */
    static List<Stmt> accumulateOuter(ArrayRef gradient, IntFunction<Expr> gConst, Expr gLoop,
                                      IntFunction<Expr> aConst, Expr aLoop, int rows, int cols,
                                      boolean unroll, boolean skipZeros, Type real) {
        return outerRows(gradient, gConst, gLoop, aConst, aLoop, rows, cols, unroll, skipZeros,
                real, Code::add);
    }

    /**
     * {@code W -= step · (g aᵀ)} applied directly (batch 1): the same products as
     * {@link #accumulateOuter} followed by the update, without the accumulator pass; rows whose
     * input is exactly zero are not touched at all.
     */
    static List<Stmt> descendOuter(ArrayRef weight, Expr step, IntFunction<Expr> gConst,
                                   Expr gLoop, IntFunction<Expr> aConst, Expr aLoop, int rows,
                                   int cols, boolean unroll, boolean skipZeros, Type real) {
        return outerRows(weight, gConst, gLoop, aConst, aLoop, rows, cols, unroll, skipZeros,
                real, (old, product) -> Code.sub(old, mul(step, product)));
    }

    /**
     * {@code target[i][o] = update(target[i][o], a[i] · g[o])} for every element, row by row so
     * the inner loop is an axpy over one zero-offset row.
     */
    private static List<Stmt> outerRows(ArrayRef target, IntFunction<Expr> gConst, Expr gLoop,
                                        IntFunction<Expr> aConst, Expr aLoop, int rows, int cols,
                                        boolean unroll, boolean skipZeros, Type real,
                                        BinaryOperator<Expr> update) {
        if (unroll) {
            List<Stmt> out = new ArrayList<>();
            for (int i = 0; i < cols; i++) {
                for (int o = 0; o < rows; o++) {
                    Expr io = load(target, Code.index(i), Code.index(o));
                    out.add(store(target, Code.index(i), Code.index(o),
                            update.apply(io, mul(aConst.apply(i), gConst.apply(o)))));
                }
            }
            return out;
        }
        Expr o = local("o", Type.INT);
        Expr ai = local("ai", real);
        ArrayRef row = new ArrayRef.Local("row", real);
        List<Stmt> axpy = List.of(
                new Stmt.Declare("row", real.arrayOf(), load(target, local("i", Type.INT))),
                new Stmt.For("o", 0, rows, List.of(store(row, o,
                        update.apply(load(row, o), mul(ai, gLoop))))));
        List<Stmt> body = new ArrayList<>();
        body.add(new Stmt.Declare("ai", real, aLoop));
        body.addAll(guard(skipZeros, ai, real, axpy));
        return List.of(new Stmt.For("i", 0, cols, body));
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

    /** {@code w -= step · g; g = 0} for a bias vector. */
    static List<Stmt> updateVector(ArrayRef w, ArrayRef gradient, int n, boolean unroll,
                                   Expr step, Type real) {
        return each("j", n, unroll, j -> List.of(
                store(w, j, Code.sub(load(w, j), mul(step, load(gradient, j)))),
                store(gradient, j, constant(real, 0))));
    }

    private static List<Stmt> guard(boolean skipZeros, Expr value, Type real, List<Stmt> body) {
        if (!skipZeros) {
            return body;
        }
        Condition nonZero = new Condition(Condition.Comparison.NE, value, constant(real, 0));
        return List.of(new Stmt.Comment("an exactly-zero input contributes nothing: skip it"),
                new Stmt.If(nonZero, body));
    }
}
