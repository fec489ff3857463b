package dev.chainrule.graph.op;

import dev.chainrule.graph.Node;
import dev.chainrule.graph.Shape;
import dev.chainrule.graph.Tensor;
import dev.chainrule.loops.Stmt;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code conv2d(x, W[, b])}: PyTorch's {@code F.conv2d(x[None], W, b, stride, padding,
 * dilation)[0]}, a cross-correlation of image x {@code [C, H, W]} with filters
 * {@code [K, C, kh, kw]} over zero padding, plus bias {@code [K]}, giving {@code [K, H', W']}.
 * Its adjoint reaches x as a transposed convolution ({@link Conv2dInputGrad}), W as a
 * correlation of x with the output's adjoint ({@link Conv2dWeightGrad}) and b as its sum per
 * filter.
 */
public record Conv2d(Window window) implements Op {

    @Override public String mnemonic() {
        return "conv2d " + window.describe();
    }

    @Override public Shape shape(List<Shape> in) {
        Checks.require(in.size() == 2 || in.size() == 3, "conv2d takes x, W and an optional b,"
                + " got " + in.size() + " inputs");
        Convolution.requireImage("conv2d", "x", in.get(0));
        Convolution.requireFilters("conv2d", window, in.get(1), in.get(0));
        if (in.size() == 3) {
            Checks.require(in.get(2).equals(Shape.of(in.get(1).dim(0))), "conv2d: the bias must"
                    + " be [" + in.get(1).dim(0) + "], one per filter, got " + in.get(2));
        }
        return window.out("conv2d", in.get(0), in.get(1).dim(0));
    }

    @Override public Tensor eval(List<Tensor> in) {
        Shape out = shape(in.stream().map(Tensor::shape).toList());
        double[] y = new double[out.size()];
        if (in.size() == 3) {
            int plane = out.dim(1) * out.dim(2);
            for (int k = 0; k < y.length; k++) {
                y[k] = in.get(2).data()[k / plane];
            }
        }
        double[] x = in.get(0).data();
        double[] w = in.get(1).data();
        Convolution.each(window, in.get(0).shape(), in.get(1).shape(),
                (yi, xi, wi) -> y[yi] += w[wi] * x[xi]);
        return new Tensor(out, y);
    }

    @Override public List<Integer> vjp(Rules r, Node y, int g) {
        List<Integer> d = new ArrayList<>();
        d.add(r.add(new Conv2dInputGrad(window, r.shape(y.input(0))), g, y.input(1)));
        d.add(r.add(new Conv2dWeightGrad(window, r.shape(y.input(1))), g, y.input(0)));
        if (y.inputs().size() == 3) {
            int filters = y.shape().dim(0);
            d.add(r.add(new Reshape(Shape.of(filters)),
                    r.add(new SumTo(Shape.of(filters, 1, 1)), g)));
        }
        return d;
    }

    @Override public int jvp(Rules r, Node y, List<Integer> tangents) {
        Conv2d plain = new Conv2d(window);
        int t = Convolution.bilinear(r, plain, y.input(0), tangents.get(0), y.input(1),
                tangents.get(1));
        if (y.inputs().size() == 3 && tangents.get(2) != Rules.NONE) {
            int filters = y.shape().dim(0);
            t = r.plus(t, r.broadcast(r.add(new Reshape(Shape.of(filters, 1, 1)),
                    tangents.get(2)), y.shape()));
        }
        return t;
    }

    /**
     * The runtime's kernel: y = bias (or 0) + every tap's products. Where it cannot be called,
     * y starts as the bias and loops add weight × input tap by tap over the rows.
     */
    @Override public List<Stmt> lower(Emit e, Node y) {
        Shape image = e.shapeOf(y.input(0));
        Stmt kernel = Convolution.kernel(e, "forward", window, image, e.shapeOf(y.input(1)), y,
                y.inputs(), y.inputs().size() == 2, true, false);
        if (kernel != null) {
            return List.of(kernel);
        }
        int plane = y.shape().dim(1) * y.shape().dim(2);
        List<Stmt> out = new ArrayList<>(e.forEach(y.shape(), (k, unused) -> List.of(e.store(y,
                k, null, y.inputs().size() == 3
                        ? e.element(y.input(2), Indices.div(k, plane), null)
                        : e.constant(0)))));
        Window.Span span = Convolution.commonSpan(window, image.dim(1), image.dim(2));
        if (span != null) {
            out.addAll(Convolution.lowerFused(e, window, span, y));
            return out;
        }
        out.addAll(Convolution.lower(e, window, e.shapeOf(y.input(0)), e.shapeOf(y.input(1)),
                (yi, xi, wi) -> List.of(e.declare("acc", e.element(y.input(1), wi, null))),
                (yi, xi, wi) -> List.of(Convolution.addTo(e, y, yi,
                        Reduce.times(e.local("acc"), e.element(y.input(0), xi, null)))),
                null));
        return out;
    }
}
