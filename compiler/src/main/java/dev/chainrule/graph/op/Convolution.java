package dev.chainrule.graph.op;

import dev.chainrule.graph.Node;
import dev.chainrule.graph.Shape;
import dev.chainrule.loops.ArrayRef;
import dev.chainrule.loops.Expr;
import dev.chainrule.loops.Stmt;
import dev.chainrule.loops.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The loops conv2d and its two derivatives share: every (filter k, channel c, tap (p, q),
 * output position) whose input is inside the image. Each op says only what one such product
 * adds where; the order is the same in the interpreter and in lowered code.
 */
final class Convolution {

    private Convolution() {}

    /** One product of a convolution: flat indices into y [K, H', W'], x [C, H, W], W. */
    interface Term {
        void at(int y, int x, int w);
    }

    /** What one product adds, in lowered code: statements given the three flat indices. */
    interface LoweredTerm {
        List<Stmt> at(Expr y, Expr x, Expr w);
    }

    /** What runs once per (filter, channel): given the flat bases of its y, x and W planes. */
    interface FilterChannel {
        List<Stmt> at(Expr yBase, Expr xBase, Expr wBase);
    }

    /** Counted loops over the filters k of {@code w [K, C, kh, kw]} and the channels c. */
    static List<Stmt> eachFilterChannel(Emit e, Window win, Shape x, Shape w,
                                        FilterChannel body) {
        int h = x.dim(1);
        int wd = x.dim(2);
        int plane = win.outH(h) * win.outW(wd);
        int channels = x.dim(0);
        return e.rolledLoop(0, w.dim(0), k -> e.rolledLoop(0, channels, c -> body.at(
                Indices.mul(k, plane), Indices.mul(c, h * wd),
                Indices.mul(Indices.add(Indices.mul(k, channels), c), win.kh() * win.kw()))));
    }

    /** Visits every product of {@code x [C, H, W]} with filters {@code w [K, C, kh, kw]}. */
    static void each(Window win, Shape x, Shape w, Term term) {
        int h = x.dim(1);
        int wd = x.dim(2);
        int plane = win.outH(h) * win.outW(wd);
        for (int k = 0; k < w.dim(0); k++) {
            for (int c = 0; c < x.dim(0); c++) {
                int yBase = k * plane;
                int xBase = c * h * wd;
                int wBase = (k * x.dim(0) + c) * win.kh() * win.kw();
                win.visit(h, wd, (p, q, o, i) -> term.at(yBase + o, xBase + i,
                        wBase + p * win.kw() + q));
            }
        }
    }

    /**
     * The same products in lowered code: filters and channels in counted loops, the kernel's
     * taps unrolled, each tap's output rows and columns in loops whose bounds skip the padding.
     * {@code prelude} runs once per tap before its loops (a weight kept in a local), and
     * {@code after} once per tap after them; either may be null.
     */
    static List<Stmt> lower(Emit e, Window win, Shape x, Shape w, LoweredTerm prelude,
                            LoweredTerm term, LoweredTerm after) {
        int h = x.dim(1);
        int wd = x.dim(2);
        return eachFilterChannel(e, win, x, w, (yBase, xBase, wBase) -> {
            List<Stmt> taps = new ArrayList<>();
            for (int p = 0; p < win.kh(); p++) {
                for (int q = 0; q < win.kw(); q++) {
                    Expr wAt = Indices.add(wBase, p * win.kw() + q);
                    List<Stmt> tap = new ArrayList<>();
                    if (prelude != null) {
                        tap.addAll(prelude.at(null, null, wAt));
                    }
                    tap.addAll(win.tapLoops(e, h, wd, p, q, (o, i) -> term.at(
                            Indices.add(yBase, o), Indices.add(xBase, i), wAt)));
                    if (after != null) {
                        tap.addAll(after.at(null, null, wAt));
                    }
                    taps.add(e.scope(tap));
                }
            }
            return taps;
        });
    }

    /**
     * The call {@code ConvKernels.LIVE.method(operands..., y, C, H, W, K, kh, kw, sh, sw, ph,
     * pw, dh, dw[, cols][, positions])} that computes {@code y} from the values
     * {@code operands} (then a zero bias, if {@code zeroBias}) for the image shape {@code x}
     * and filter shape {@code w}, with the scratch the method takes; null when one of them is
     * not a float array of its own (then the loops below run).
     */
    static Stmt kernel(Emit e, String method, Window win, Shape x, Shape w, Node y,
                       List<Integer> operands, boolean zeroBias, boolean cols,
                       boolean positions) {
        List<ArrayRef.Field> arrays = new ArrayList<>();
        for (int id : operands) {
            arrays.add(e.kernelArray(id));
        }
        arrays.add(e.kernelArray(y.id()));
        if (arrays.contains(null)) {
            return null;
        }
        if (zeroBias) { // a field never written: zeros, so one kernel serves both forms
            arrays.add(arrays.size() - 1, e.scratch(y, "zero_bias", Type.FLOAT, w.dim(0)));
        }
        int outputs = win.outH(x.dim(1)) * win.outW(x.dim(2));
        List<Stmt.BatchKernel.Arg> args = new ArrayList<>();
        for (ArrayRef.Field f : arrays) {
            args.add(new Stmt.BatchKernel.Array(f));
        }
        for (int v : new int[] {x.dim(0), x.dim(1), x.dim(2), w.dim(0), win.kh(), win.kw(),
                win.sh(), win.sw(), win.ph(), win.pw(), win.dh(), win.dw()}) {
            args.add(new Stmt.BatchKernel.Value(e.index(v)));
        }
        int taps = x.dim(0) * win.kh() * win.kw();
        if (cols) {
            args.add(new Stmt.BatchKernel.Array(e.scratch(y, "cols", Type.FLOAT,
                    taps * outputs)));
        }
        if (positions) {
            args.add(new Stmt.BatchKernel.Array(e.scratch(y, "positions", Type.INT, outputs)));
        }
        return new Stmt.BatchKernel(Stmt.BatchKernel.Provider.CONV, method, args);
    }

    /** One product of a per-weight sum, in lowered code, given the flat y and x indices. */
    interface LoweredProduct {
        Expr at(Expr y, Expr x);
    }

    /**
     * Each weight's sum of products over the outputs its tap reaches, stored once per weight.
     * Taps whose output ranges coincide (all of them when there is no padding) share one loop
     * nest with an accumulator each: their add chains run side by side instead of one after
     * the other, and every weight still adds its products in row-major output order, so the
     * sums are the ones of one tap at a time, bit for bit.
     */
    static List<Stmt> lowerSums(Emit e, Window win, Shape x, Shape w, LoweredProduct product,
                                Function<Expr, Function<Expr, Stmt>> store) {
        int h = x.dim(1);
        int wd = x.dim(2);
        Map<Window.Span, List<int[]>> groups = new LinkedHashMap<>();
        for (int p = 0; p < win.kh(); p++) {
            for (int q = 0; q < win.kw(); q++) {
                groups.computeIfAbsent(win.span(h, wd, p, q), s -> new ArrayList<>())
                        .add(new int[] {p, q});
            }
        }
        return eachFilterChannel(e, win, x, w, (yBase, xBase, wBase) -> {
            List<Stmt> nests = new ArrayList<>();
            groups.forEach((span, taps) -> {
                List<Stmt> nest = new ArrayList<>();
                for (int[] t : taps) {
                    nest.add(e.declare(sumName(win, t), e.constant(0)));
                }
                nest.addAll(e.rolledLoop(span.rowFirst(), span.rowEnd(), o -> e.rolledLoop(
                        span.colFirst(), span.colEnd(), v -> {
                            Expr yAt = Indices.add(yBase, win.outIndex(wd, o, v));
                            List<Stmt> adds = new ArrayList<>();
                            for (int[] t : taps) {
                                Expr xAt = Indices.add(xBase, win.inIndex(wd, o, v, t[0], t[1]));
                                adds.add(e.assign(sumName(win, t), Reduce.plus(
                                        e.local(sumName(win, t)), product.at(yAt, xAt))));
                            }
                            return adds;
                        })));
                for (int[] t : taps) {
                    nest.add(store.apply(Indices.add(wBase, t[0] * win.kw() + t[1]))
                            .apply(e.local(sumName(win, t))));
                }
                nests.add(e.scope(nest));
            });
            return nests;
        });
    }

    /** The one span all taps share when they reach the same outputs (no padding), else null. */
    static Window.Span commonSpan(Window win, int h, int w) {
        Window.Span first = win.span(h, w, 0, 0);
        for (int p = 0; p < win.kh(); p++) {
            for (int q = 0; q < win.kw(); q++) {
                if (!win.span(h, w, p, q).equals(first)) {
                    return null;
                }
            }
        }
        return first;
    }

    /**
     * {@code y += W ⋆ x} when every tap reaches the same outputs: per filter and channel the
     * weights in locals, then each output read once, given its taps' products in tap order and
     * written once, instead of one pass over the outputs per tap. Each output adds the same
     * products in the same order as tap by tap, so the sums are equal bit for bit.
     */
    static List<Stmt> lowerFused(Emit e, Window win, Window.Span span, Node y) {
        Shape x = e.shapeOf(y.input(0));
        Shape w = e.shapeOf(y.input(1));
        int wd = x.dim(2);
        int taps = win.kh() * win.kw();
        return eachFilterChannel(e, win, x, w, (yBase, xBase, wBase) -> {
            List<Stmt> nest = new ArrayList<>();
            for (int t = 0; t < taps; t++) {
                nest.add(e.declare("tap" + t, e.element(y.input(1), Indices.add(wBase, t), null)));
            }
            nest.addAll(e.rolledLoop(span.rowFirst(), span.rowEnd(), o -> e.rolledLoop(
                    span.colFirst(), span.colEnd(), v -> {
                        Expr yAt = Indices.add(yBase, win.outIndex(wd, o, v));
                        List<Stmt> body = new ArrayList<>();
                        body.add(e.declare("out", e.element(y.id(), yAt, null)));
                        for (int t = 0; t < taps; t++) {
                            Expr xAt = Indices.add(xBase, win.inIndex(wd, o, v, t / win.kw(),
                                    t % win.kw()));
                            body.add(e.assign("out", Reduce.plus(e.local("out"), Reduce.times(
                                    e.local("tap" + t), e.element(y.input(0), xAt, null)))));
                        }
                        body.add(e.store(y, yAt, null, e.local("out")));
                        return body;
                    })));
            return List.of(e.scope(nest));
        });
    }

    private static String sumName(Window win, int[] tap) {
        return "sum" + (tap[0] * win.kw() + tap[1]);
    }

    /** {@code target[at] = target[at] + value}, for a flat-stored value. */
    static Stmt addTo(Emit e, Node target, Expr at, Expr value) {
        return e.store(target, at, null, Reduce.plus(e.element(target.id(), at, null), value));
    }

    /** {@code op(ta, b) + op(a, tb)}: the tangent of a product linear in each of a and b. */
    static int bilinear(Rules r, Op op, int a, int ta, int b, int tb) {
        return r.plus(ta == Rules.NONE ? Rules.NONE : r.add(op, ta, b),
                tb == Rules.NONE ? Rules.NONE : r.add(op, a, tb));
    }

    /** The [C, H, W] checks of an image operand. */
    static void requireImage(String op, String name, Shape s) {
        Checks.require(s.rank() == 3, op + " needs " + name + " to be an image [C, H, W], got"
                + " rank " + s.rank() + " " + s);
    }

    /** The checks of a filter bank {@code w} for images {@code x} under {@code win}. */
    static void requireFilters(String op, Window win, Shape w, Shape x) {
        Checks.require(w.rank() == 4, op + " needs filters [K, C, kh, kw], got rank " + w.rank()
                + " " + w);
        Checks.require(w.dim(1) == x.dim(0), op + ": the filters " + w + " take " + w.dim(1)
                + " input channels, the image " + x + " has " + x.dim(0));
        Checks.require(w.dim(2) == win.kh() && w.dim(3) == win.kw(), op + ": filters " + w
                + " do not match the window " + win.describe());
    }
}
