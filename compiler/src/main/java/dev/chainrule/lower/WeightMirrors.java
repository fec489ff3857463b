package dev.chainrule.lower;

import static dev.chainrule.lower.Code.add;
import static dev.chainrule.lower.Code.constant;
import static dev.chainrule.lower.Code.load;
import static dev.chainrule.lower.Code.local;
import static dev.chainrule.lower.Code.mul;
import static dev.chainrule.lower.Code.store;

import dev.chainrule.graph.Graph;
import dev.chainrule.graph.Node;
import dev.chainrule.graph.op.MatMul;
import dev.chainrule.graph.op.Outer;
import dev.chainrule.loops.ArrayRef;
import dev.chainrule.loops.Condition;
import dev.chainrule.loops.Expr;
import dev.chainrule.loops.Stmt;
import dev.chainrule.loops.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Second copies of params kept by columns, stored the usual way round ({@code M[o][i] =
 * W[o][i]}, one row per output), for the backward product {@code g @ W}. Over W's columns that
 * product is one dot product per input, which C2 does not vectorize; over the mirror it is an
 * axpy ({@code d += g[o] · M[o]}) that it does, skipping rows whose {@code g[o]} is exactly
 * zero (relu). Each {@code d[i]} still receives {@code W[o][i] · g[o]} in increasing {@code o}
 * (products commute exactly), so the bits are the dot product's.
 *
 * <p>A flag field says whether every mirror equals its param: {@code update} and the runtime's
 * {@code parametersChanged} clear it, and a method that reads a mirror first copies the params
 * again if it is clear (once per minibatch). The batch-1 step gives the mirror the update the
 * param takes, in the same expression, so the two stay equal; they could differ only in the
 * sign of a zero, which no sum can see.
 */
final class WeightMirrors {

    private record Mirror(ArrayRef weight, ArrayRef array, ArrayRef scratch, int rows, int cols) {}

    private final Graph g;
    private final GraphStorage storage;
    private final Type real;
    private final Map<Integer, Mirror> byParam = new LinkedHashMap<>();
    private String current;

    /**
     * Gives a mirror to every param kept by columns that some {@code g @ W} too large to unroll
     * reads, and a nonzero list to each such g.
     */
    WeightMirrors(Graph g, GraphStorage storage, boolean[] transposed, Type real) {
        this.g = g;
        this.storage = storage;
        this.real = real;
        if (storage.small()) {
            return;
        }
        for (Node n : g.nodes()) {
            boolean product = n.op() instanceof MatMul && g.shape(n.input(0)).isVector()
                    && transposed[n.input(1)] && !DenseChoices.unrollDense(g.shape(n.input(1)))
                    && storage.field(n.input(0)) != null;
            if (!product) {
                continue;
            }
            int w = n.input(1);
            if (!byParam.containsKey(w)) {
                int rows = g.shape(w).rows();
                int cols = g.shape(w).cols();
                String name = storage.field(w);
                if (current == null) {
                    current = storage.addScalar("mirrors_current", Type.INT,
                            "1 while every mirror equals its param");
                }
                byParam.put(w, new Mirror(storage.array(w), storage.addArray(name + "_mirror",
                        List.of(rows, cols), name + " again, stored [out][in], for g @ " + name),
                        storage.addArray(name + "_gW", List.of(cols),
                                "g @ " + name + " before the relu mask"), rows, cols));
            }
            list(n.input(0));
        }
        // the batch-1 step of a mirror runs over the rows of its gradient g xᵀ's nonzero g[o]
        for (Map.Entry<String, Integer> e : g.gradients().entrySet()) {
            Node d = g.node(e.getValue());
            if (d.op() instanceof Outer && mirrored(g.value(e.getKey()))) {
                list(d.input(0));
            }
        }
    }

    private void list(int vector) {
        if (storage.nonZeros(vector) == null) {
            storage.listNonZeros(vector);
        }
    }

    boolean mirrored(int param) {
        return byParam.containsKey(param);
    }

    /** Whether any of the nodes {@code which} computes reads a mirror. */
    boolean readBy(boolean[] which) {
        for (Node n : g.nodes()) {
            if (which[n.id()] && n.op() instanceof MatMul && g.shape(n.input(0)).isVector()
                    && mirrored(n.input(1))) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code d = g @ W} over W's mirror, skipping zero {@code g[o]}. With {@code mask}, only
     * the rows the mask lists are kept (the rest are +0), as {@link DenseKernels#matTVec} masks.
     */
    List<Stmt> product(ArrayRef d, int w, int gv, Storage.NonZeros mask) {
        Mirror m = byParam.get(w);
        Function<Expr, Expr> gk = k -> storage.read(gv, null, k, null);
        ArrayRef sum = mask == null ? d : m.scratch();
        Expr j = local("j", Type.INT);
        List<Stmt> out = new ArrayList<>();
        out.add(new Stmt.Comment("over " + m.array().name() + ": d += g[o] · M[o], "
                + GraphEmit.PRODUCT_BLOCK + " rows per pass, rows of zero g[o] skipped"));
        out.add(new Stmt.For("j", 0, m.cols(), List.of(store(sum, j, constant(real, 0)))));
        out.addAll(DenseKernels.rowBlocks(storage.nonZeros(gv), m.rows(), GraphEmit.PRODUCT_BLOCK,
                os -> {
                    int width = os.size();
                    List<Stmt> body = new ArrayList<>();
                    Expr total = load(sum, j);
                    for (int r = 0; r < width; r++) {
                        String gr = DenseKernels.name("a", r, width);
                        body.add(new Stmt.Declare(gr, real, gk.apply(os.get(r))));
                        body.add(new Stmt.Declare(DenseKernels.name("r", r, width),
                                real.arrayOf(), load(m.array(), os.get(r))));
                        total = add(total, mul(load(DenseKernels.row(r, width, real), j),
                                local(gr, real)));
                    }
                    body.add(new Stmt.For("j", 0, m.cols(), List.of(store(sum, j, total))));
                    return body;
                }));
        if (mask != null) {
            out.add(new Stmt.Comment("keep the rows whose relu passed: the rest are"
                    + " multiplied by 0"));
            out.add(new Stmt.For("j", 0, m.cols(), List.of(store(d, j, constant(real, 0)))));
            out.addAll(DenseKernels.rowBlocks(mask, m.cols(), 1, is -> List.of(
                    store(d, is.get(0), load(sum, is.get(0))))));
        }
        return out;
    }

    /** Copies every param into its mirror if the flag says they may differ, then sets it. */
    List<Stmt> refresh() {
        if (byParam.isEmpty()) {
            return List.of();
        }
        List<Stmt> copies = new ArrayList<>();
        Expr i = local("i", Type.INT);
        Expr o = local("j", Type.INT);
        for (Mirror m : byParam.values()) {
            copies.add(new Stmt.Comment(m.array().name() + " = " + m.weight().name()
                    + " (stored [in][out])"));
            ArrayRef row = new ArrayRef.Local("row", real);
            copies.add(new Stmt.For("i", 0, m.cols(), List.of(
                    new Stmt.Declare("row", real.arrayOf(), load(m.weight(), i)),
                    new Stmt.For("j", 0, m.rows(), List.of(store(m.array(), o, i,
                            load(row, o)))))));
        }
        copies.add(new Stmt.StoreScalarField(current, Code.index(1)));
        Condition stale = new Condition(Condition.Comparison.EQ,
                new Expr.ScalarField(current, Type.INT), Code.index(0));
        return List.of(new Stmt.Comment("mirrors, copied again if the params changed since"),
                new Stmt.If(stale, copies));
    }

    /** Marks every mirror stale (after an update the mirrors did not take). */
    List<Stmt> stale() {
        return byParam.isEmpty() ? List.of()
                : List.of(new Stmt.StoreScalarField(current, Code.index(0)));
    }

    /**
     * The batch-1 step of {@code param}'s mirror, {@code M[o][i] -= step · (x[i] · g[o])} over
     * the rows of nonzero {@code g[o]}: the expression the param's own update uses. Empty when
     * the param has no mirror.
     */
    List<Stmt> descend(int param, Expr step, int gv, int xv) {
        Mirror m = byParam.get(param);
        if (m == null) {
            return List.of();
        }
        Storage.NonZeros gList = storage.nonZeros(gv);
        if (gList == null) {
            throw new IllegalStateException("the gradient of " + m.weight().name()
                    + " is not over the vector its mirror lists");
        }
        Expr j = local("j", Type.INT);
        List<Stmt> out = new ArrayList<>();
        out.add(new Stmt.Comment("the same step on " + m.array().name()));
        out.addAll(DenseKernels.rowBlocks(gList, m.rows(), GraphEmit.ROW_BLOCK, os -> {
            int width = os.size();
            List<Stmt> body = new ArrayList<>();
            List<Stmt> inner = new ArrayList<>();
            for (int r = 0; r < width; r++) {
                String gr = DenseKernels.name("a", r, width);
                ArrayRef row = DenseKernels.row(r, width, real);
                body.add(new Stmt.Declare(gr, real, storage.read(gv, null, os.get(r), null)));
                body.add(new Stmt.Declare(row.name(), real.arrayOf(), load(m.array(), os.get(r))));
                inner.add(store(row, j, Code.sub(load(row, j), mul(step,
                        mul(storage.read(xv, null, j, null), local(gr, real))))));
            }
            body.add(new Stmt.For("j", 0, m.cols(), inner));
            return body;
        }));
        return out;
    }
}
