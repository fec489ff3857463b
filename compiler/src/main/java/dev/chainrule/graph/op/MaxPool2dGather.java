package dev.chainrule.graph.op;

import dev.chainrule.graph.Node;
import dev.chainrule.graph.Shape;
import dev.chainrule.graph.Tensor;
import dev.chainrule.loops.Stmt;
import java.util.List;

/**
 * {@code max_pool2d}'s tangent: t {@code [C, H, W]} read at the first maximum of each window of
 * x (same shape). Linear in t; x only chooses where, so it has no derivative.
 */
public record MaxPool2dGather(Window window) implements Op {

    @Override public String mnemonic() {
        return "max_pool2d_gather " + window.describe();
    }

    @Override public Shape shape(List<Shape> in) {
        Checks.arity(this, in, 2);
        Checks.require(in.get(0).equals(in.get(1)), "max_pool2d_gather reads " + in.get(0)
                + " at the maxima of " + in.get(1) + ": the shapes must be equal");
        return Pooling.out("max_pool2d_gather", window, in.get(1));
    }

    @Override public Tensor eval(List<Tensor> in) {
        Shape out = shape(List.of(in.get(0).shape(), in.get(1).shape()));
        int[] at = Pooling.argmax(window, in.get(1).shape(), in.get(1).data());
        double[] y = new double[out.size()];
        for (int k = 0; k < y.length; k++) {
            y[k] = in.get(0).data()[at[k]];
        }
        return new Tensor(out, y);
    }

    @Override public List<Integer> vjp(Rules r, Node y, int a) {
        return List.of(r.add(new MaxPool2dScatter(window), a, y.input(1)), Rules.NONE);
    }

    @Override public int jvp(Rules r, Node y, List<Integer> tangents) {
        int t = tangents.get(0);
        return t == Rules.NONE ? Rules.NONE : r.add(this, t, y.input(1));
    }

    @Override public List<Stmt> lower(Emit e, Node y) {
        return Pooling.argmaxLoops(e, window, y.input(1), (yi, at) -> List.of(
                e.store(y, yi, null, e.element(y.input(0), at, null))));
    }
}
