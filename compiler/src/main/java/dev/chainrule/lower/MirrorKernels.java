package dev.chainrule.lower;

import static dev.chainrule.lower.Code.add;
import static dev.chainrule.lower.Code.constant;
import static dev.chainrule.lower.Code.load;
import static dev.chainrule.lower.Code.local;
import static dev.chainrule.lower.Code.mul;
import static dev.chainrule.lower.Code.store;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Kernels over a weight's mirror: a copy stored the other way round, one row per output
 * ({@code M[o][i] = W[i][o]}), kept for hidden layers, whose backward pass needs {@code Wᵀg}.
 * Over W's rows that is a dot product, which C2 does not vectorize; over the
 * mirror it is an axpy ({@code d += g[o] · M[o]}) that it does, and rows whose {@code g[o]} is
 * exactly zero (relu) are skipped. Each {@code d[i]} still receives {@code W[i][o] · g[o]} in
 * increasing {@code o} (products commute exactly), so the bits are the dot product's. The mirror
 * takes every update the weight takes, with the same expression, so the two stay equal; they
 * could differ only in the sign of a zero, which no sum can see.
 */
final class MirrorKernels {

    private MirrorKernels() {}

    /**
     * Copies {@code weight} into its mirror unless field {@code current} says they are already
     * equal (the runtime and {@code update} clear it when they change weights).
     */
    static List<Stmt> refresh(ArrayRef weight, ArrayRef mirror, int rows, int cols,
                              String current) {
        ArrayRef row = new ArrayRef.Local("row", weight.element());
        Expr i = local("i", Type.INT);
        Expr o = local("o", Type.INT);
        Condition stale = new Condition(Condition.Comparison.EQ,
                new Expr.ScalarField(current, Type.INT), Code.index(0));
        return List.of(
                new Stmt.Comment("mirror of " + weight.name() + ", copied again if the weights"
                        + " changed elsewhere"),
                new Stmt.If(stale, List.of(new Stmt.For("i", 0, cols, List.of(
                        new Stmt.Declare("row", weight.element().arrayOf(), load(weight, i)),
                        new Stmt.For("o", 0, rows, List.of(store(mirror, o, i,
                                load(row, o)))))))));
    }

    /**
     * {@code d = Wᵀ g} over the mirror, skipping zero {@code g[o]}. With {@code mask}, only the
     * rows the mask lists are kept (the rest are +0), as {@link DenseKernels#matTVec} masks.
     */
    static List<List<Stmt>> matTVec(ArrayRef d, ArrayRef all, ArrayRef mirror,
                                    Function<Expr, Expr> g, Storage.NonZeros gList, int rows,
                                    int cols, int block, Storage.NonZeros mask, Type real) {
        ArrayRef sum = mask == null ? d : all;
        Expr j = local("j", Type.INT);
        List<List<Stmt>> blocks = new ArrayList<>();
        blocks.add(DenseKernels.listNonZeros(gList, g, rows, real));
        List<Stmt> axpy = new ArrayList<>();
        axpy.add(new Stmt.For("j", 0, cols, List.of(store(sum, j, constant(real, 0)))));
        axpy.add(new Stmt.Comment("d += g[o] · M[o], " + block + " rows per pass over d"));
        axpy.addAll(DenseKernels.rowBlocks(gList, rows, block, os -> {
            int width = os.size();
            List<Stmt> body = new ArrayList<>();
            Expr total = load(sum, j);
            for (int r = 0; r < width; r++) {
                String gr = DenseKernels.name("g", r, width);
                body.add(new Stmt.Declare(gr, real, g.apply(os.get(r))));
                body.add(new Stmt.Declare(DenseKernels.name("r", r, width), real.arrayOf(),
                        load(mirror, os.get(r))));
                total = add(total, mul(load(DenseKernels.row(r, width, real), j), local(gr, real)));
            }
            body.add(new Stmt.For("j", 0, cols, List.of(store(sum, j, total))));
            return body;
        }));
        blocks.add(axpy);
        if (mask != null) {
            List<Stmt> keep = new ArrayList<>();
            keep.add(new Stmt.Comment("keep the rows whose relu passed: the rest are"
                    + " multiplied by 0"));
            keep.add(new Stmt.For("j", 0, cols, List.of(store(d, j, constant(real, 0)))));
            keep.addAll(DenseKernels.rowBlocks(mask, cols, 1, is -> List.of(
                    store(d, is.get(0), load(all, is.get(0))))));
            blocks.add(keep);
        }
        return blocks;
    }

    /**
     * {@code M[o][i] -= step · (a[i] · g[o])} for the rows of nonzero {@code g[o]}: the update
     * the weight takes, {@code W[i][o] -= step · (a[i] · g[o])}, in the same expression.
     */
    static List<Stmt> descend(ArrayRef mirror, Expr step, Function<Expr, Expr> a,
                              Function<Expr, Expr> g, Storage.NonZeros gList, int rows, int cols,
                              int block, Type real) {
        Expr j = local("j", Type.INT);
        return DenseKernels.rowBlocks(gList, rows, block, os -> {
            int width = os.size();
            List<Stmt> body = new ArrayList<>();
            List<Stmt> inner = new ArrayList<>();
            for (int r = 0; r < width; r++) {
                String gr = DenseKernels.name("g", r, width);
                ArrayRef row = DenseKernels.row(r, width, real);
                body.add(new Stmt.Declare(gr, real, g.apply(os.get(r))));
                body.add(new Stmt.Declare(row.name(), real.arrayOf(), load(mirror, os.get(r))));
                inner.add(store(row, j, Code.sub(load(row, j),
                        mul(step, mul(a.apply(j), local(gr, real))))));
            }
            body.add(new Stmt.For("j", 0, cols, inner));
            return body;
        });
    }
}
