package dev.chainrule.graph.op;

import dev.chainrule.graph.Node;
import dev.chainrule.graph.Shape;
import dev.chainrule.graph.Tensor;
import dev.chainrule.graph.op.Unary.Kind;
import dev.chainrule.loops.Stmt;
import java.util.ArrayList;
import java.util.List;

/**
 * log softmax of a vector, stable: z − (max + log Σ exp(z − max)). Both derivatives are
 * {@code d − softmax(z) Σ d}, with softmax(z) = exp(y) from the output.
 */
public record LogSoftmax() implements Op {

    @Override public String mnemonic() {
        return "log_softmax";
    }

    @Override public Shape shape(List<Shape> in) {
        Checks.arity(this, in, 1);
        Checks.require(in.get(0).isVector(), "log_softmax needs a vector, got " + in.get(0));
        return in.get(0);
    }

    @Override public Tensor eval(List<Tensor> in) {
        double[] z = in.get(0).data();
        double lse = Stable.logSumExp(z);
        double[] y = new double[z.length];
        for (int k = 0; k < z.length; k++) {
            y[k] = z[k] - lse;
        }
        return new Tensor(in.get(0).shape(), y);
    }

    @Override public List<Integer> vjp(Rules r, Node y, int g) {
        return List.of(r.minus(g, r.times(r.apply(Kind.EXP, y.id()), r.sum(g))));
    }

    @Override public int jvp(Rules r, Node y, List<Integer> tangents) {
        int t = tangents.get(0);
        return t == Rules.NONE ? Rules.NONE
                : r.minus(t, r.sum(r.times(r.apply(Kind.EXP, y.id()), t)));
    }

    @Override public List<Stmt> lower(Emit e, Node y) {
        int z = y.input(0);
        int n = y.shape().rows();
        List<Stmt> body = new ArrayList<>(Stable.logSumExpInto(e, z, n));
        body.addAll(e.loop(0, n, k -> List.of(e.store(y, k, null,
                Reduce.minus(e.element(z, k, null), e.local("lse"))))));
        return List.of(e.scope(body));
    }
}
