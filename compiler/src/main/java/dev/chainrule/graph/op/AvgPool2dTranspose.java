package dev.chainrule.graph.op;

import dev.chainrule.graph.Node;
import dev.chainrule.graph.Shape;
import dev.chainrule.graph.Tensor;
import dev.chainrule.loops.Expr;
import dev.chainrule.loops.Stmt;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code avg_pool2d}'s adjoint: each output's adjoint divided by kh·kw, added to every inside
 * input of its window, back to the image's shape {@code image}. Its own adjoint is the pool.
 */
public record AvgPool2dTranspose(Window window, Shape image) implements Op {

    @Override public String mnemonic() {
        return "avg_pool2d_transpose " + window.describe() + " to " + image;
    }

    @Override public Shape shape(List<Shape> in) {
        Checks.arity(this, in, 1);
        Checks.require(in.get(0).equals(Pooling.out("avg_pool2d_transpose", window, image)),
                "avg_pool2d_transpose: the adjoint " + in.get(0) + " is not the pool of " + image);
        return image;
    }

    @Override public Tensor eval(List<Tensor> in) {
        shape(List.of(in.get(0).shape()));
        double[] dx = new double[image.size()];
        double[] g = in.get(0).data();
        double count = window.kh() * window.kw();
        Pooling.each(window, image, (yi, xi, unused) -> dx[xi] += g[yi] / count);
        return new Tensor(image, dx);
    }

    @Override public List<Integer> vjp(Rules r, Node y, int a) {
        return List.of(r.add(new AvgPool2d(window), a));
    }

    @Override public int jvp(Rules r, Node y, List<Integer> tangents) {
        int t = tangents.get(0);
        return t == Rules.NONE ? Rules.NONE : r.add(this, t);
    }

    @Override public List<Stmt> lower(Emit e, Node y) {
        List<Stmt> out = new ArrayList<>(e.forEach(image, (k, unused) -> List.of(
                e.store(y, k, null, e.constant(0)))));
        Expr count = e.constant(window.kh() * window.kw());
        out.addAll(Pooling.lower(e, window, image, (yi, xi) -> List.of(Convolution.addTo(e, y,
                xi, new Expr.Binary(Expr.BinaryOp.DIV, e.element(y.input(0), yi, null),
                        count)))));
        return out;
    }
}
