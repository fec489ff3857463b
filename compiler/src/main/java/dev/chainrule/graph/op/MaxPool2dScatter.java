package dev.chainrule.graph.op;

import dev.chainrule.graph.Node;
import dev.chainrule.graph.Shape;
import dev.chainrule.graph.Tensor;
import dev.chainrule.loops.Stmt;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code max_pool2d}'s adjoint: each output's adjoint g {@code [C, H', W']} added at its
 * window's first maximum in x {@code [C, H, W]}, zero elsewhere. Linear in g; its adjoint is the
 * gather at the same places.
 */
public record MaxPool2dScatter(Window window) implements Op {

    @Override public String mnemonic() {
        return "max_pool2d_scatter " + window.describe();
    }

    @Override public Shape shape(List<Shape> in) {
        Checks.arity(this, in, 2);
        Checks.require(in.get(0).equals(Pooling.out("max_pool2d_scatter", window, in.get(1))),
                "max_pool2d_scatter: the adjoint " + in.get(0) + " is not the pool of "
                        + in.get(1));
        return in.get(1);
    }

    @Override public Tensor eval(List<Tensor> in) {
        Shape out = shape(List.of(in.get(0).shape(), in.get(1).shape()));
        int[] at = Pooling.argmax(window, out, in.get(1).data());
        double[] dx = new double[out.size()];
        for (int k = 0; k < at.length; k++) {
            dx[at[k]] += in.get(0).data()[k];
        }
        return new Tensor(out, dx);
    }

    @Override public List<Integer> vjp(Rules r, Node y, int a) {
        return List.of(r.add(new MaxPool2dGather(window), a, y.input(1)), Rules.NONE);
    }

    @Override public int jvp(Rules r, Node y, List<Integer> tangents) {
        int t = tangents.get(0);
        return t == Rules.NONE ? Rules.NONE : r.add(this, t, y.input(1));
    }

    @Override public List<Stmt> lower(Emit e, Node y) {
        List<Stmt> out = new ArrayList<>(e.forEach(y.shape(), (k, unused) -> List.of(
                e.store(y, k, null, e.constant(0)))));
        out.addAll(Pooling.argmaxLoops(e, window, y.input(1), (yi, at) -> List.of(
                Convolution.addTo(e, y, at, e.element(y.input(0), yi, null)))));
        return out;
    }
}
