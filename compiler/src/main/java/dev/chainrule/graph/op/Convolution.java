package dev.chainrule.graph.op;

import dev.chainrule.graph.Shape;
import dev.chainrule.lower.Expr;
import dev.chainrule.lower.Stmt;
import java.util.ArrayList;
import java.util.List;

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
        int plane = win.outH(h) * win.outW(wd);
        int channels = x.dim(0);
        return e.rolledLoop(0, w.dim(0), k -> e.rolledLoop(0, channels, c -> {
            Expr yBase = Indices.mul(k, plane);
            Expr xBase = Indices.mul(c, h * wd);
            Expr wBase = Indices.mul(Indices.add(Indices.mul(k, channels), c),
                    win.kh() * win.kw());
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
        }));
    }

    /** {@code target[at] = target[at] + value}, for a flat-stored value. */
    static Stmt addTo(Emit e, dev.chainrule.graph.Node target, Expr at, Expr value) {
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
