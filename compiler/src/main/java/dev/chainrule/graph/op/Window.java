package dev.chainrule.graph.op;

import dev.chainrule.graph.Shape;
import dev.chainrule.loops.Expr;
import dev.chainrule.loops.Stmt;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The sliding window of conv2d and the pools over one {@code [H, W]} plane: a kernel of
 * {@code kh × kw} taps, moved {@code stride} at a time over the input padded by {@code padding}
 * on every side, its taps {@code dilation} apart. Output row {@code oh}'s tap {@code p} reads
 * input row {@code oh·sh − ph + p·dh} (zero, or −∞ for max pool, outside the input); likewise
 * for columns. PyTorch's {@code F.conv2d} geometry.
 */
public record Window(int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw) {

    /** A pool's window: dilation 1. */
    public static Window pool(int kh, int kw, int sh, int sw, int ph, int pw) {
        return new Window(kh, kw, sh, sw, ph, pw, 1, 1);
    }

    /** {@code kernel=[3, 3], stride=[1, 1], padding=[0, 0], dilation=[1, 1]}. */
    public String describe() {
        return "kernel=[" + kh + ", " + kw + "], stride=[" + sh + ", " + sw + "], padding=["
                + ph + ", " + pw + "], dilation=[" + dh + ", " + dw + "]";
    }

    /** floor((H + 2·ph − dh·(kh − 1) − 1) / sh) + 1, below 1 when the window does not fit. */
    public int outH(int h) {
        return Math.floorDiv(h + 2 * ph - dh * (kh - 1) - 1, sh) + 1;
    }

    public int outW(int w) {
        return Math.floorDiv(w + 2 * pw - dw * (kw - 1) - 1, sw) + 1;
    }

    /** The {@code [C, H', W']} result of sliding over a {@code [C, H, W]} input. */
    Shape out(String op, Shape x, int channels) {
        Checks.require(x.rank() == 3, op + " needs an image [C, H, W], got rank " + x.rank()
                + " " + x);
        int oh = outH(x.dim(1));
        int ow = outW(x.dim(2));
        Checks.require(oh >= 1 && ow >= 1, op + ": the kernel (" + describe()
                + ") is larger than the padded input " + x + " (output size " + oh + " x " + ow
                + ")");
        return Shape.of(channels, oh, ow);
    }

    /** Output positions {@code [first, end)} along one axis whose tap {@code t} is inside. */
    static int first(int t, int stride, int pad, int dilation) {
        return Math.max(0, Math.floorDiv(pad - t * dilation + stride - 1, stride));
    }

    static int end(int t, int stride, int pad, int dilation, int in, int out) {
        return Math.min(out, Math.floorDiv(in - 1 + pad - t * dilation, stride) + 1);
    }

    /** Input row read by output row {@code o}'s tap {@code p}; may lie outside [0, H). */
    int inRow(int o, int p) {
        return o * sh - ph + p * dh;
    }

    int inCol(int o, int q) {
        return o * sw - pw + q * dw;
    }

    /** What a visit sees: a tap and the output and input positions (in their planes) it joins. */
    interface Tap {
        void at(int p, int q, int out, int in);
    }

    /**
     * Every (tap, output position) pair whose input position is inside an {@code h × w} plane,
     * taps in row-major order, and for each tap the outputs in row-major order.
     */
    void visit(int h, int w, Tap tap) {
        int oh = outH(h);
        int ow = outW(w);
        for (int p = 0; p < kh; p++) {
            for (int q = 0; q < kw; q++) {
                for (int o = first(p, sh, ph, dh); o < end(p, sh, ph, dh, h, oh); o++) {
                    for (int v = first(q, sw, pw, dw); v < end(q, sw, pw, dw, w, ow); v++) {
                        tap.at(p, q, o * ow + v, inRow(o, p) * w + inCol(v, q));
                    }
                }
            }
        }
    }

    /** Output rows {@code [rowFirst, rowEnd)} and columns {@code [colFirst, colEnd)} of a tap. */
    record Span(int rowFirst, int rowEnd, int colFirst, int colEnd) {}

    /** The outputs whose tap {@code (p, q)} reads inside an {@code h × w} plane. */
    Span span(int h, int w, int p, int q) {
        return new Span(first(p, sh, ph, dh), end(p, sh, ph, dh, h, outH(h)),
                first(q, sw, pw, dw), end(q, sw, pw, dw, w, outW(w)));
    }

    /** Output {@code (o, v)}'s index in its plane. */
    Expr outIndex(int w, Expr o, Expr v) {
        return Indices.add(Indices.mul(o, outW(w)), v);
    }

    /** The index, in an {@code h × w} plane, of the input output {@code (o, v)}'s tap reads. */
    Expr inIndex(int w, Expr o, Expr v, int p, int q) {
        return Indices.add(Indices.add(Indices.mul(o, sh * w), Indices.mul(v, sw)),
                (p * dh - ph) * w + q * dw - pw);
    }

    /**
     * The loops of {@link #visit} for one tap {@code (p, q)}: over the output rows and columns
     * whose input is inside, bounds known now, so no test runs per element. {@code body} gets the
     * output's and the input's index within their planes.
     */
    List<Stmt> tapLoops(Emit e, int h, int w, int p, int q,
                        BiFunction<Expr, Expr, List<Stmt>> body) {
        Span s = span(h, w, p, q);
        return e.rolledLoop(s.rowFirst(), s.rowEnd(), o -> e.rolledLoop(s.colFirst(),
                s.colEnd(), v -> body.apply(outIndex(w, o, v), inIndex(w, o, v, p, q))));
    }
}
