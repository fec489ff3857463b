package dev.chainrule.graph.op;

import dev.chainrule.graph.Shape;
import dev.chainrule.loops.Condition;
import dev.chainrule.loops.Expr;
import dev.chainrule.loops.Stmt;
import dev.chainrule.loops.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The loops the pools share, channel by channel over {@code [C, H, W]} images: the sum of each
 * window's inside taps (average pool), and each window's first maximum in row-major order (max
 * pool, whose gradient goes there), in the interpreter and in lowered code alike.
 */
final class Pooling {

    private Pooling() {}

    /** The {@code [C, H', W']} of a pool, after the pool's own checks. */
    static Shape out(String op, Window win, Shape x) {
        Convolution.requireImage(op, "x", x);
        Checks.require(win.ph() <= win.kh() / 2 && win.pw() <= win.kw() / 2, op + ": padding ["
                + win.ph() + ", " + win.pw() + "] is above half the kernel [" + win.kh() + ", "
                + win.kw() + "]");
        return win.out(op, x, x.dim(0));
    }

    /** Every (output, input) pair of a window tap inside the image: flat indices. */
    static void each(Window win, Shape x, Convolution.Term term) {
        int h = x.dim(1);
        int w = x.dim(2);
        int plane = win.outH(h) * win.outW(w);
        for (int c = 0; c < x.dim(0); c++) {
            int yBase = c * plane;
            int xBase = c * h * w;
            win.visit(h, w, (p, q, o, i) -> term.at(yBase + o, xBase + i, 0));
        }
    }

    /** The same pairs in lowered code: channels in a loop, taps unrolled, rows in loops. */
    static List<Stmt> lower(Emit e, Window win, Shape x,
                            BiFunction<Expr, Expr, List<Stmt>> term) {
        int h = x.dim(1);
        int w = x.dim(2);
        int plane = win.outH(h) * win.outW(w);
        return e.rolledLoop(0, x.dim(0), c -> {
            List<Stmt> taps = new ArrayList<>();
            for (int p = 0; p < win.kh(); p++) {
                for (int q = 0; q < win.kw(); q++) {
                    taps.addAll(win.tapLoops(e, h, w, p, q, (o, i) -> term.apply(
                            Indices.add(Indices.mul(c, plane), o),
                            Indices.add(Indices.mul(c, h * w), i))));
                }
            }
            return taps;
        });
    }

    /** For each output element (flat), the flat index in x of its window's first maximum. */
    static int[] argmax(Window win, Shape x, double[] values) {
        int h = x.dim(1);
        int w = x.dim(2);
        int oh = win.outH(h);
        int ow = win.outW(w);
        int[] at = new int[x.dim(0) * oh * ow];
        for (int c = 0; c < x.dim(0); c++) {
            for (int o = 0; o < oh; o++) {
                for (int v = 0; v < ow; v++) {
                    int best = -1;
                    for (int p = 0; p < win.kh(); p++) {
                        for (int q = 0; q < win.kw(); q++) {
                            int r = win.inRow(o, p);
                            int s = win.inCol(v, q);
                            int k = (c * h + r) * w + s;
                            if (r >= 0 && r < h && s >= 0 && s < w
                                    && (best < 0 || values[k] > values[best])) {
                                best = k;
                            }
                        }
                    }
                    at[(c * oh + o) * ow + v] = best;
                }
            }
        }
        return at;
    }

    /**
     * Lowered {@link #argmax}: for each output element, locals {@code acc} (the maximum so far)
     * and {@code at} (its flat index in x, an int) over the window's inside taps in row-major
     * order, then {@code body(y index, at)}. A tap's bounds are tested only where padding can
     * put it outside.
     */
    static List<Stmt> argmaxLoops(Emit e, Window win, int x,
                                  BiFunction<Expr, Expr, List<Stmt>> body) {
        Shape s = e.shapeOf(x);
        int h = s.dim(1);
        int w = s.dim(2);
        int oh = win.outH(h);
        int ow = win.outW(w);
        Expr at = new Expr.Local("at", Type.INT);
        return e.rolledLoop(0, s.dim(0), c -> e.rolledLoop(0, oh, o -> e.rolledLoop(0, ow, v -> {
            List<Stmt> out = new ArrayList<>();
            out.add(e.declare("acc", e.constant(Double.NEGATIVE_INFINITY)));
            out.add(e.declare("at", Indices.constant(-1)));
            for (int p = 0; p < win.kh(); p++) {
                for (int q = 0; q < win.kw(); q++) {
                    Expr r = Indices.add(Indices.mul(o, win.sh()), p - win.ph());
                    Expr col = Indices.add(Indices.mul(v, win.sw()), q - win.pw());
                    Expr k = Indices.add(Indices.mul(Indices.add(Indices.mul(c, h), r), w), col);
                    Expr value = e.element(x, k, null);
                    // strictly greater: the first maximum stays; at < 0 takes the first tap
                    List<Stmt> take = List.of(e.assign("acc", value), e.assign("at", k));
                    Stmt tap = new Stmt.If(new Condition(Condition.Comparison.LT, at,
                            Indices.constant(0)), take);
                    List<Stmt> step = List.of(tap, new Stmt.If(new Condition(
                            Condition.Comparison.GT, value, e.local("acc")), take));
                    step = inside(p, win.sh(), win.ph(), h, oh, r, step);
                    step = inside(q, win.sw(), win.pw(), w, ow, col, step);
                    out.addAll(step);
                }
            }
            out.addAll(body.apply(Indices.add(Indices.mul(Indices.add(Indices.mul(c, oh), o), ow),
                    v), at));
            return List.of(e.scope(out));
        })));
    }

    /** {@code body}, guarded by {@code 0 <= index < length} unless tap t is always inside. */
    private static List<Stmt> inside(int t, int stride, int pad, int length, int out, Expr index,
                                     List<Stmt> body) {
        if (Window.first(t, stride, pad, 1) == 0 && Window.end(t, stride, pad, 1, length, out)
                == out) {
            return body;
        }
        return List.of(new Stmt.If(new Condition(Condition.Comparison.GE, index,
                Indices.constant(0)), List.of(new Stmt.If(new Condition(
                Condition.Comparison.LT, index, Indices.constant(length)), body))));
    }
}
