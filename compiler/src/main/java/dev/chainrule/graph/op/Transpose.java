package dev.chainrule.graph.op;

import dev.chainrule.graph.Node;
import dev.chainrule.graph.Shape;
import dev.chainrule.graph.Tensor;
import dev.chainrule.loops.Stmt;
import java.util.List;

/** The transpose of a matrix; linear, so both derivatives transpose too. */
public record Transpose() implements Op {

    @Override public String mnemonic() {
        return "transpose";
    }

    @Override public Shape shape(List<Shape> in) {
        Checks.arity(this, in, 1);
        Checks.require(in.get(0).isMatrix(), "transpose needs a matrix, got rank "
                + in.get(0).rank() + " " + in.get(0));
        return Shape.of(in.get(0).cols(), in.get(0).rows());
    }

    @Override public Tensor eval(List<Tensor> in) {
        Shape s = in.get(0).shape();
        double[] y = new double[s.size()];
        for (int i = 0; i < s.rows(); i++) {
            for (int j = 0; j < s.cols(); j++) {
                y[j * s.rows() + i] = in.get(0).data()[i * s.cols() + j];
            }
        }
        return new Tensor(Shape.of(s.cols(), s.rows()), y);
    }

    @Override public List<Integer> vjp(Rules r, Node y, int g) {
        return List.of(r.add(new Transpose(), g));
    }

    @Override public int jvp(Rules r, Node y, List<Integer> tangents) {
        return tangents.get(0) == Rules.NONE ? Rules.NONE : r.add(new Transpose(), tangents.get(0));
    }

    @Override public List<Stmt> lower(Emit e, Node y) {
        return e.forEach(y.shape(), (i, j) -> List.of(e.store(y, i, j,
                e.element(y.input(0), j, i))));
    }
}
