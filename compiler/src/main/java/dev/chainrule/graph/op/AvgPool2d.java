package dev.chainrule.graph.op;

import dev.chainrule.graph.Node;
import dev.chainrule.graph.Shape;
import dev.chainrule.graph.Tensor;
import dev.chainrule.loops.Expr;
import dev.chainrule.loops.Stmt;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code avg_pool2d(x, kernel)}: PyTorch's {@code F.avg_pool2d} with count_include_pad true and
 * ceil_mode false: each window's inside taps summed and divided by kh·kw. Linear: its adjoint
 * spreads each output's share back over its window ({@link AvgPool2dTranspose}).
 */
public record AvgPool2d(Window window) implements Op {

    @Override public String mnemonic() {
        return "avg_pool2d " + window.describe();
    }

    @Override public Shape shape(List<Shape> in) {
        Checks.arity(this, in, 1);
        return Pooling.out("avg_pool2d", window, in.get(0));
    }

    @Override public Tensor eval(List<Tensor> in) {
        Shape out = shape(List.of(in.get(0).shape()));
        double[] y = new double[out.size()];
        double[] x = in.get(0).data();
        Pooling.each(window, in.get(0).shape(), (yi, xi, unused) -> y[yi] += x[xi]);
        for (int k = 0; k < y.length; k++) {
            y[k] /= window.kh() * window.kw();
        }
        return new Tensor(out, y);
    }

    @Override public List<Integer> vjp(Rules r, Node y, int g) {
        return List.of(r.add(new AvgPool2dTranspose(window, r.shape(y.input(0))), g));
    }

    @Override public int jvp(Rules r, Node y, List<Integer> tangents) {
        int t = tangents.get(0);
        return t == Rules.NONE ? Rules.NONE : r.add(this, t);
    }

    @Override public List<Stmt> lower(Emit e, Node y) {
        List<Stmt> out = new ArrayList<>(e.forEach(y.shape(), (k, unused) -> List.of(
                e.store(y, k, null, e.constant(0)))));
        out.addAll(Pooling.lower(e, window, e.shapeOf(y.input(0)), (yi, xi) -> List.of(
                Convolution.addTo(e, y, yi, e.element(y.input(0), xi, null)))));
        Expr count = e.constant(window.kh() * window.kw());
        out.addAll(e.forEach(y.shape(), (k, unused) -> List.of(e.store(y, k, null,
                new Expr.Binary(Expr.BinaryOp.DIV, e.element(y.id(), k, null), count)))));
        return out;
    }
}
