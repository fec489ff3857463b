package dev.chainrule.graph.op;

import dev.chainrule.graph.Node;
import dev.chainrule.graph.Shape;
import dev.chainrule.graph.Tensor;
import dev.chainrule.loops.Stmt;
import java.util.List;

/**
 * softmax of a vector, stable: exp(z − max z) / Σ exp(z − max z).
 * Both derivatives are {@code y ⊙ (d − Σ d ⊙ y)}, from the output y.
 */
public record Softmax() implements Op {

    @Override public String mnemonic() {
        return "softmax";
    }

    @Override public Shape shape(List<Shape> in) {
        Checks.arity(this, in, 1);
        Checks.require(in.get(0).isVector(), "softmax needs a vector, got " + in.get(0));
        return in.get(0);
    }

    @Override public Tensor eval(List<Tensor> in) {
        double[] z = in.get(0).data();
        double max = Stable.max(z);
        double[] y = new double[z.length];
        for (int k = 0; k < z.length; k++) {
            y[k] = Math.exp(z[k] - max);
        }
        double sum = Reduce.sum(in.get(0).shape(), k -> y[k]);
        for (int k = 0; k < z.length; k++) {
            y[k] = y[k] / sum;
        }
        return new Tensor(in.get(0).shape(), y);
    }

    private static int derivative(Rules r, int y, int d) {
        return r.times(y, r.minus(d, r.sum(r.times(d, y))));
    }

    @Override public List<Integer> vjp(Rules r, Node y, int g) {
        return List.of(derivative(r, y.id(), g));
    }

    @Override public int jvp(Rules r, Node y, List<Integer> tangents) {
        int t = tangents.get(0);
        return t == Rules.NONE ? Rules.NONE : derivative(r, y.id(), t);
    }

    @Override public List<Stmt> lower(Emit e, Node y) {
        return Stable.softmaxInto(e, y, y.input(0));
    }
}
