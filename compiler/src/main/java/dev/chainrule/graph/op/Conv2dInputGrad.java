package dev.chainrule.graph.op;

import dev.chainrule.graph.Node;
import dev.chainrule.graph.Shape;
import dev.chainrule.graph.Tensor;
import dev.chainrule.loops.Stmt;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code conv2d}'s adjoint for its image: the transposed convolution of the output's adjoint g
 * {@code [K, H', W']} with the filters W, back to the image's shape {@code image}. Each output
 * position sends weight × g to the input it read; input rows no window reached (a stride that
 * does not divide evenly: PyTorch's output padding) stay zero.
 */
public record Conv2dInputGrad(Window window, Shape image) implements Op {

    @Override public String mnemonic() {
        return "conv2d_input_grad " + window.describe() + " to " + image;
    }

    @Override public Shape shape(List<Shape> in) {
        Checks.arity(this, in, 2);
        Convolution.requireFilters("conv2d_input_grad", window, in.get(1), image);
        Checks.require(in.get(0).equals(window.out("conv2d_input_grad", image,
                in.get(1).dim(0))), "conv2d_input_grad: the adjoint " + in.get(0)
                + " is not the output of " + image);
        return image;
    }

    @Override public Tensor eval(List<Tensor> in) {
        shape(List.of(in.get(0).shape(), in.get(1).shape()));
        double[] dx = new double[image.size()];
        double[] g = in.get(0).data();
        double[] w = in.get(1).data();
        Convolution.each(window, image, in.get(1).shape(), (yi, xi, wi) -> dx[xi] += w[wi] * g[yi]);
        return new Tensor(image, dx);
    }

    @Override public List<Integer> vjp(Rules r, Node y, int a) {
        return List.of(r.add(new Conv2d(window), a, y.input(1)),
                r.add(new Conv2dWeightGrad(window, r.shape(y.input(1))), y.input(0), a));
    }

    @Override public int jvp(Rules r, Node y, List<Integer> tangents) {
        return Convolution.bilinear(r, this, y.input(0), tangents.get(0), y.input(1),
                tangents.get(1));
    }

    /** The runtime's kernel, or where it cannot be called, zeros then every product added. */
    @Override public List<Stmt> lower(Emit e, Node y) {
        Stmt kernel = Convolution.kernel(e, "inputGradient", window, image,
                e.shapeOf(y.input(1)), y, y.inputs(), false, false, false);
        if (kernel != null) {
            return List.of(kernel);
        }
        List<Stmt> out = new ArrayList<>(e.forEach(image, (k, unused) -> List.of(
                e.store(y, k, null, e.constant(0)))));
        out.addAll(Convolution.lower(e, window, image, e.shapeOf(y.input(1)),
                (yi, xi, wi) -> List.of(e.declare("acc", e.element(y.input(1), wi, null))),
                (yi, xi, wi) -> List.of(Convolution.addTo(e, y, xi,
                        Reduce.times(e.local("acc"), e.element(y.input(0), yi, null)))),
                null));
        return out;
    }
}
