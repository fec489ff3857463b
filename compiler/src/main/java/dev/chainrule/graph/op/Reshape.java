package dev.chainrule.graph.op;

import dev.chainrule.graph.Node;
import dev.chainrule.graph.Shape;
import dev.chainrule.graph.Tensor;
import dev.chainrule.loops.Expr;
import dev.chainrule.loops.Stmt;
import java.util.List;

/**
 * The same elements in the same row-major order under another shape of as many elements:
 * {@code reshape(x, [d1, ..., dn])}, and {@code flatten(x)} as a reshape to {@code [size]}.
 * Its adjoint is the adjoint reshaped back.
 */
public record Reshape(Shape target) implements Op {

    @Override public String mnemonic() {
        return "reshape " + target;
    }

    @Override public Shape shape(List<Shape> in) {
        Checks.arity(this, in, 1);
        Checks.require(in.get(0).size() == target.size(), "reshape cannot make "
                + in.get(0) + " (" + in.get(0).size() + " elements) into " + target + " ("
                + target.size() + " elements)");
        return target;
    }

    @Override public Tensor eval(List<Tensor> in) {
        shape(List.of(in.get(0).shape()));
        return new Tensor(target, in.get(0).data().clone());
    }

    @Override public List<Integer> vjp(Rules r, Node y, int g) {
        return List.of(r.add(new Reshape(r.shape(y.input(0))), g));
    }

    @Override public int jvp(Rules r, Node y, List<Integer> tangents) {
        int t = tangents.get(0);
        return t == Rules.NONE ? Rules.NONE : r.add(this, t);
    }

    @Override public List<Stmt> lower(Emit e, Node y) {
        Shape from = e.shapeOf(y.input(0));
        return e.forEach(target, (i, j) -> {
            Expr[] at = Indices.element(from, Indices.flat(target, i, j));
            return List.of(e.store(y, i, j, e.element(y.input(0), at[0], at[1])));
        });
    }
}
