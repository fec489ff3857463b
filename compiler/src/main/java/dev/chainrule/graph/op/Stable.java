package dev.chainrule.graph.op;

import dev.chainrule.graph.Node;
import dev.chainrule.loops.Condition;
import dev.chainrule.loops.Expr;
import dev.chainrule.loops.Expr.MathFunction;
import dev.chainrule.loops.Stmt;
import java.util.ArrayList;
import java.util.List;

/**
 * The max-shifted exponentials that softmax, log-softmax and softmax cross-entropy share, so
 * the three compute them in one way: max first, then exp(z − max), then their sum in index
 * order.
 */
final class Stable {

    private Stable() {}

    static double max(double[] z) {
        double max = z[0];
        for (int k = 1; k < z.length; k++) {
            max = Math.max(max, z[k]);
        }
        return max;
    }

    /** log Σ exp(z − max) + max. */
    static double logSumExp(double[] z) {
        double max = max(z);
        double sum = Math.exp(z[0] - max);
        for (int k = 1; k < z.length; k++) {
            sum += Math.exp(z[k] - max);
        }
        return Math.log(sum) + max;
    }

    /**
     * Declares {@code max}: the largest element of vector {@code z}, by comparison rather than
     * {@code Math.max} (several times slower on JDK 17 for floats). The two differ only where
     * no result can see it: a NaN makes every exp(z − max) NaN either way, and the sign of a
     * zero max changes neither z − max nor log Σ + max.
     */
    static List<Stmt> maxInto(Emit e, int z, int n) {
        List<Stmt> out = new ArrayList<>();
        out.add(e.declare("max", e.element(z, e.index(0), null)));
        out.addAll(e.loop(1, n, k -> List.of(e.assign("max", new Expr.Select(
                new Condition(Condition.Comparison.GT, e.element(z, k, null), e.local("max")),
                e.element(z, k, null), e.local("max"))))));
        return out;
    }

    /** Declares {@code lse} = log Σ exp(z − max) + max. */
    static List<Stmt> logSumExpInto(Emit e, int z, int n) {
        List<Stmt> out = new ArrayList<>(maxInto(e, z, n));
        out.add(e.declare("sum", shiftedExp(e, z, e.index(0))));
        out.addAll(e.loop(1, n, k -> List.of(e.assign("sum",
                Reduce.plus(e.local("sum"), shiftedExp(e, z, k))))));
        out.add(e.declare("lse", Reduce.plus(e.math(MathFunction.LOG, e.local("sum")),
                e.local("max"))));
        return out;
    }

    static Expr shiftedExp(Emit e, int z, Expr k) {
        return e.math(MathFunction.EXP, Reduce.minus(e.element(z, k, null), e.local("max")));
    }

    /** y = softmax(z), into y's storage. */
    static List<Stmt> softmaxInto(Emit e, Node y, int z) {
        int n = y.shape().rows();
        List<Stmt> body = new ArrayList<>(maxInto(e, z, n));
        body.addAll(e.loop(0, n, k -> List.of(e.store(y, k, null, shiftedExp(e, z, k)))));
        body.add(e.declare("sum", e.element(y.id(), e.index(0), null)));
        body.addAll(e.loop(1, n, k -> List.of(e.assign("sum",
                Reduce.plus(e.local("sum"), e.element(y.id(), k, null))))));
        body.addAll(e.loop(0, n, k -> List.of(e.store(y, k, null, new Expr.Binary(
                Expr.BinaryOp.DIV, e.element(y.id(), k, null), e.local("sum"))))));
        // the same expression logSumExpInto declares, so a loss that reads it gets its bits
        Stmt keep = e.keepLogSumExp(y, Reduce.plus(e.math(MathFunction.LOG, e.local("sum")),
                e.local("max")));
        if (keep != null) {
            body.add(keep);
        }
        return List.of(e.scope(body));
    }

}
