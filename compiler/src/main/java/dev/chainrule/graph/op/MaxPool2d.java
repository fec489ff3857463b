package dev.chainrule.graph.op;

import dev.chainrule.graph.Node;
import dev.chainrule.graph.Shape;
import dev.chainrule.graph.Tensor;
import dev.chainrule.loops.Stmt;
import java.util.List;

/**
 * {@code max_pool2d(x, kernel)}: PyTorch's {@code F.max_pool2d}, ceil_mode false, padding as
 * −∞: each window's maximum. Its derivatives go through the window's first maximum in
 * row-major order: the adjoint is scattered there ({@link MaxPool2dScatter}), a tangent
 * gathered from there ({@link MaxPool2dGather}).
 */
public record MaxPool2d(Window window) implements Op {

    @Override public String mnemonic() {
        return "max_pool2d " + window.describe();
    }

    @Override public Shape shape(List<Shape> in) {
        Checks.arity(this, in, 1);
        return Pooling.out("max_pool2d", window, in.get(0));
    }

    @Override public Tensor eval(List<Tensor> in) {
        Shape out = shape(List.of(in.get(0).shape()));
        double[] x = in.get(0).data();
        int[] at = Pooling.argmax(window, in.get(0).shape(), x);
        double[] y = new double[out.size()];
        for (int k = 0; k < y.length; k++) {
            y[k] = x[at[k]];
        }
        return new Tensor(out, y);
    }

    @Override public List<Integer> vjp(Rules r, Node y, int g) {
        return List.of(r.add(new MaxPool2dScatter(window), g, y.input(0)));
    }

    @Override public int jvp(Rules r, Node y, List<Integer> tangents) {
        int t = tangents.get(0);
        return t == Rules.NONE ? Rules.NONE : r.add(new MaxPool2dGather(window), t, y.input(0));
    }

    @Override public List<Stmt> lower(Emit e, Node y) {
        return Pooling.argmaxLoops(e, window, y.input(0), (yi, at) -> List.of(
                e.store(y, yi, null, e.local("acc"))));
    }
}
