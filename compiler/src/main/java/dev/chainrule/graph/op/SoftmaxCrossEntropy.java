package dev.chainrule.graph.op;

import dev.chainrule.graph.Node;
import dev.chainrule.graph.Shape;
import dev.chainrule.graph.Tensor;
import dev.chainrule.loops.Expr;
import dev.chainrule.loops.Stmt;
import java.util.ArrayList;
import java.util.List;

/**
 * −Σ t · log_softmax(z), one primitive so its gradient is the stable
 * {@code dz = g (softmax(z) Σt − t)} (the familiar softmax − t only when t sums to 1) and
 * {@code dt = −g log_softmax(z)}.
 *
 * @param distribution t is a distribution (Σt = 1, as one-hot labels): dz is then
 *     {@code g (softmax(z) − t)}, the layer form's rule, without the sum of t
 */
public record SoftmaxCrossEntropy(boolean distribution) implements Op {

    /** Against any t (the graph form's). */
    public SoftmaxCrossEntropy() {
        this(false);
    }

    @Override public String mnemonic() {
        return distribution ? "softmax_cross_entropy_distribution" : "softmax_cross_entropy";
    }

    @Override public Shape shape(List<Shape> in) {
        Shape s = Losses.shape("softmax_cross_entropy", this, in);
        Checks.require(in.get(0).isVector(),
                "softmax_cross_entropy needs vectors, got " + Checks.both(in));
        return s;
    }

    @Override public Tensor eval(List<Tensor> in) {
        double[] z = in.get(0).data();
        double[] t = in.get(1).data();
        double lse = Stable.logSumExp(z);
        return Tensor.scalar(-Reduce.sum(in.get(0).shape(), k -> t[k] * (z[k] - lse)));
    }

    @Override public List<Integer> vjp(Rules r, Node y, int g) {
        int z = y.input(0);
        int t = y.input(1);
        int softmax = r.add(new Softmax(), z);
        int dz = r.times(g, r.minus(distribution ? softmax : r.times(softmax, r.sum(t)), t));
        int dt = r.negate(r.times(g, r.add(new LogSoftmax(), z)));
        return List.of(dz, dt);
    }

    @Override public int jvp(Rules r, Node y, List<Integer> tangents) {
        int z = y.input(0);
        int t = y.input(1);
        int tz = tangents.get(0);
        int tt = tangents.get(1);
        // d(−Σ t·ls) = −Σ tt·ls − Σ t·(tz − Σ softmax·tz)
        int fromT = tt == Rules.NONE ? Rules.NONE : r.sum(r.times(tt, r.add(new LogSoftmax(), z)));
        int fromZ = tz == Rules.NONE ? Rules.NONE : r.sum(r.times(t,
                r.minus(tz, r.sum(r.times(r.add(new Softmax(), z), tz)))));
        return r.negate(r.plus(fromT, fromZ));
    }

    @Override public List<Stmt> lower(Emit e, Node y) {
        int z = y.input(0);
        int t = y.input(1);
        int n = e.shapeOf(z).rows();
        Expr kept = e.keptLogSumExp(y);
        List<Stmt> body = new ArrayList<>(kept != null ? List.of(e.declare("lse", kept))
                : Stable.logSumExpInto(e, z, n));
        body.add(e.declare("acc", term(e, z, t, e.index(0))));
        body.addAll(e.loop(1, n, k -> List.of(e.assign("acc",
                Reduce.plus(e.local("acc"), term(e, z, t, k))))));
        body.add(e.store(y, null, null, new Expr.Negate(e.local("acc"))));
        return List.of(e.scope(body));
    }

    /** t_k (z_k − lse). */
    private static Expr term(Emit e, int z, int t, Expr k) {
        return Reduce.times(e.element(t, k, null), Reduce.minus(e.element(z, k, null),
                e.local("lse")));
    }
}
