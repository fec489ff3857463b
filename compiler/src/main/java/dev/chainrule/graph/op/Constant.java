package dev.chainrule.graph.op;

import dev.chainrule.graph.Node;
import dev.chainrule.graph.Shape;
import dev.chainrule.graph.Tensor;
import dev.chainrule.loops.Stmt;
import java.util.List;

/** A constant of any shape; a scalar constant is inlined where it is read. */
public record Constant(Tensor value) implements Op {

    public boolean isScalar() {
        return value.shape().isScalar();
    }

    @Override public String mnemonic() {
        return "const " + (isScalar() ? String.valueOf(value.item()) : value.toString());
    }

    @Override public Shape shape(List<Shape> in) {
        Checks.arity(this, in, 0);
        return value.shape();
    }

    @Override public Tensor eval(List<Tensor> in) {
        return value;
    }

    @Override public List<Integer> vjp(Rules r, Node y, int g) {
        return List.of();
    }

    @Override public int jvp(Rules r, Node y, List<Integer> tangents) {
        return Rules.NONE;
    }

    @Override public List<Stmt> lower(Emit e, Node y) {
        List<Stmt> out = new java.util.ArrayList<>();
        for (int i = 0; i < y.shape().rows(); i++) {
            for (int j = 0; j < y.shape().cols(); j++) {
                out.add(e.store(y, e.index(i), e.index(j), e.constant(value.at(i, j))));
            }
        }
        return out;
    }
}
