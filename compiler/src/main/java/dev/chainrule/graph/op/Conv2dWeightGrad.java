package dev.chainrule.graph.op;

import dev.chainrule.graph.Node;
import dev.chainrule.graph.Shape;
import dev.chainrule.graph.Tensor;
import dev.chainrule.loops.Stmt;
import java.util.List;

/**
 * {@code conv2d}'s adjoint for its filters: the correlation of the image x {@code [C, H, W]}
 * with the output's adjoint g {@code [K, H', W']}, giving the filters' shape {@code filters}:
 * each weight's gradient is Σ g · the input it multiplied, over the output positions.
 */
public record Conv2dWeightGrad(Window window, Shape filters) implements Op {

    @Override public String mnemonic() {
        return "conv2d_weight_grad " + window.describe() + " to " + filters;
    }

    @Override public Shape shape(List<Shape> in) {
        Checks.arity(this, in, 2);
        Convolution.requireImage("conv2d_weight_grad", "x", in.get(1));
        Convolution.requireFilters("conv2d_weight_grad", window, filters, in.get(1));
        Checks.require(in.get(0).equals(window.out("conv2d_weight_grad", in.get(1),
                filters.dim(0))), "conv2d_weight_grad: the adjoint " + in.get(0)
                + " is not the output of " + in.get(1));
        return filters;
    }

    @Override public Tensor eval(List<Tensor> in) {
        shape(List.of(in.get(0).shape(), in.get(1).shape()));
        double[] dw = new double[filters.size()];
        double[] g = in.get(0).data();
        double[] x = in.get(1).data();
        Convolution.each(window, in.get(1).shape(), filters, (yi, xi, wi) -> dw[wi] += g[yi] * x[xi]);
        return new Tensor(filters, dw);
    }

    @Override public List<Integer> vjp(Rules r, Node y, int a) {
        return List.of(r.add(new Conv2d(window), y.input(1), a),
                r.add(new Conv2dInputGrad(window, r.shape(y.input(1))), y.input(0), a));
    }

    @Override public int jvp(Rules r, Node y, List<Integer> tangents) {
        return Convolution.bilinear(r, this, y.input(0), tangents.get(0), y.input(1),
                tangents.get(1));
    }

    /**
     * The runtime's kernel, or where it cannot be called, each weight's sum over its tap's
     * outputs in a local, then stored once.
     */
    @Override public List<Stmt> lower(Emit e, Node y) {
        Stmt kernel = Convolution.kernel(e, "weightGradient", window, e.shapeOf(y.input(1)),
                filters, y, y.inputs(), false, true, true);
        if (kernel != null) {
            return List.of(kernel);
        }
        return Convolution.lowerSums(e, window, e.shapeOf(y.input(1)), filters,
                (yi, xi) -> Reduce.times(e.element(y.input(0), yi, null),
                        e.element(y.input(1), xi, null)),
                wi -> sum -> e.store(y, wi, null, sum));
    }
}
