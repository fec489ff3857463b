package dev.chainrule.lower;

import static dev.chainrule.lower.Code.add;
import static dev.chainrule.lower.Code.constant;
import static dev.chainrule.lower.Code.convert;
import static dev.chainrule.lower.Code.div;
import static dev.chainrule.lower.Code.each;
import static dev.chainrule.lower.Code.greater;
import static dev.chainrule.lower.Code.local;
import static dev.chainrule.lower.Code.math;
import static dev.chainrule.lower.Code.mul;
import static dev.chainrule.lower.Code.store;
import static dev.chainrule.lower.Code.sub;

import dev.chainrule.ir.Op;
import dev.chainrule.ir.Value;
import dev.chainrule.lower.Expr.MathFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The forward meaning of each IR op: the statements that compute one value into its storage.
 * Transcendentals are computed in double through {@code Math} and rounded once to the network's
 * precision.
 */
final class OpLowering {

    private final Storage s;
    private final LoweringPolicy policy;
    private final Names names;
    private final Type real;
    private final DenseOpLowering dense;

    OpLowering(Storage storage, LoweringPolicy policy, Names names) {
        this.s = storage;
        this.policy = policy;
        this.names = names;
        this.real = storage.real();
        this.dense = new DenseOpLowering(storage, policy);
    }

    /** The dense ops, for the lowering's gradient steps. */
    DenseOpLowering dense() {
        return dense;
    }

    List<Stmt> lower(Value v) {
        return switch (v.op().kind()) {
            case INPUT, TARGET, PARAMETER, CONSTANT, ONES, OUTER ->
                    throw new IllegalStateException(v.op().mnemonic() + " is not computed");
            case MATVEC -> dense.matVec(v);
            case MATTVEC -> dense.matTVec(v);
            case ADD -> map(v, k -> add(in(v, 0, k), in(v, 1, k)));
            case SUB -> map(v, k -> sub(in(v, 0, k), in(v, 1, k)));
            case MUL -> map(v, k -> mul(in(v, 0, k), in(v, 1, k)));
            case SCALE -> map(v, k -> mul(in(v, 0, k), s.scalarValue(v.input(1))));
            case IDENTITY -> map(v, k -> in(v, 0, k));
            case SIGMOID -> map(v, k -> convert(div(constant(Type.DOUBLE, 1), add(constant(Type.DOUBLE, 1),
                    new Expr.MathCall(MathFunction.EXP,
                            new Expr.Negate(convert(in(v, 0, k), Type.DOUBLE))))), real));
            case TANH -> map(v, k -> math(MathFunction.TANH, in(v, 0, k)));
            case RELU -> map(v, k -> new Expr.Max(in(v, 0, k), zero()));
            case SIGMOID_DERIVATIVE, TANH_DERIVATIVE, RELU_DERIVATIVE -> map(v, derivative(v));
            case SOFTMAX -> softmax(v);
            case SOFTMAX_BACKWARD -> softmaxBackward(v);
            case SQUARED_ERROR -> sumLoss(v, k -> mul(diff(v, k), diff(v, k)), 0.5, false);
            case MEAN_SQUARED_ERROR -> sumLoss(v, k -> mul(diff(v, k), diff(v, k)),
                    size(v.input(0)), true);
            case SOFTMAX_CROSS_ENTROPY -> crossEntropy(v);
        };
    }

    /**
     * Element {@code k} of an activation derivative, computed from the forward output y:
     * σ' = y(1 − y), tanh' = 1 − y², relu' = (y > 0 ? 1 : 0).
     */
    Function<Expr, Expr> derivative(Value v) {
        return switch (v.op().kind()) {
            case SIGMOID_DERIVATIVE -> k -> mul(in(v, 0, k), sub(one(), in(v, 0, k)));
            case TANH_DERIVATIVE -> k -> sub(one(), mul(in(v, 0, k), in(v, 0, k)));
            case RELU_DERIVATIVE -> k -> greater(in(v, 0, k), zero(), one(), zero());
            default -> throw new IllegalArgumentException(v.op().mnemonic() + " is no derivative");
        };
    }

    /** Name of the scalar field holding logsumexp of a softmax's input. */
    static String logSumExpLabel(String softmaxField) {
        return softmaxField + "_logsumexp";
    }

    /** {@code b -= step · g} for vector value {@code id}. */
    List<Stmt> descendVector(int id, ArrayRef weight, Expr step) {
        return each("j", size(id), policy.unrollElementwise(size(id)), k -> List.of(
                store(weight, k, sub(Code.load(weight, k), mul(step, s.element(id, k))))));
    }

    private List<Stmt> map(Value v, Function<Expr, Expr> f) {
        ArrayRef out = s.array(v.id());
        int n = v.shape().rows();
        return each("j", n, policy.unrollElementwise(n), k -> List.of(store(out, k, f.apply(k))));
    }

    private List<Stmt> softmax(Value v) {
        ArrayRef y = s.array(v.id());
        int z = v.input(0);
        int n = v.shape().rows();
        boolean unroll = policy.unrollElementwise(n);
        String max = names.unique(y.name() + "_max");
        String sum = names.unique(y.name() + "_sum");
        Expr maxE = local(max, real);
        Expr sumE = local(sum, real);
        List<Stmt> out = new ArrayList<>();
        out.add(new Stmt.Comment("softmax, shifted by the largest input so exp cannot overflow"));
        out.add(new Stmt.Declare(max, real, s.element(z, Code.index(0))));
        if (n > 1) {
            Function<Expr, List<Stmt>> keepMax = k -> List.of(new Stmt.Assign(max,
                    greater(s.element(z, k), maxE, s.element(z, k), maxE)));
            if (unroll) {
                for (int k = 1; k < n; k++) {
                    out.addAll(keepMax.apply(Code.index(k)));
                }
            } else {
                out.add(new Stmt.For("j", 1, n, keepMax.apply(local("j", Type.INT))));
            }
        }
        out.add(new Stmt.Declare(sum, real, zero()));
        out.addAll(each("j", n, unroll, k -> List.of(
                store(y, k, math(MathFunction.EXP, sub(s.element(z, k), maxE))),
                new Stmt.Assign(sum, add(sumE, Code.load(y, k))))));
        out.addAll(each("j", n, unroll, k -> List.of(store(y, k, div(Code.load(y, k), sumE)))));
        out.add(new Stmt.StoreScalarField(logSumExpLabel(y.name()),
                add(maxE, math(MathFunction.LOG, sumE))));
        return out;
    }

    private List<Stmt> softmaxBackward(Value v) {
        int y = v.input(0);
        int g = v.input(1);
        int n = v.shape().rows();
        boolean unroll = policy.unrollElementwise(n);
        String dot = names.unique(s.array(v.id()).name() + "_dot");
        Expr dotE = local(dot, real);
        List<Stmt> out = new ArrayList<>();
        out.add(new Stmt.Comment("softmax backward: y ⊙ (g − g·y)"));
        out.add(new Stmt.Declare(dot, real, zero()));
        out.addAll(each("j", n, unroll, k -> List.of(
                new Stmt.Assign(dot, add(dotE, mul(s.element(g, k), s.element(y, k)))))));
        out.addAll(map(v, k -> mul(s.element(y, k), sub(s.element(g, k), dotE))));
        return out;
    }

    /** loss = (Σ term(k)) · 0.5, or / n for the mean. */
    private List<Stmt> sumLoss(Value v, Function<Expr, Expr> term, double factor, boolean mean) {
        String sum = names.unique("loss_sum");
        Expr sumE = local(sum, real);
        int n = size(v.input(0));
        List<Stmt> out = new ArrayList<>();
        out.add(new Stmt.Declare(sum, real, zero()));
        out.addAll(each("j", n, policy.unrollElementwise(n), k -> List.of(
                new Stmt.Assign(sum, add(sumE, term.apply(k))))));
        Expr loss = mean ? div(sumE, constant(real, factor))
                : factor == 1 ? sumE : mul(constant(real, factor), sumE);
        out.add(new Stmt.Declare(s.scalar(v.id()), real, loss));
        return out;
    }

    /** −Σ t log softmax(z) = Σ t (logsumexp(z) − z), reusing the forward softmax's logsumexp. */
    private List<Stmt> crossEntropy(Value v) {
        int z = v.input(0);
        int t = v.input(1);
        Value softmax = s.graph().values().stream()
                .filter(u -> u.op().kind() == Op.Kind.SOFTMAX && u.input(0) == z)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("cross-entropy without its softmax"));
        Expr lse = new Expr.ScalarField(logSumExpLabel(s.array(softmax.id()).name()), real);
        return sumLoss(v, k -> mul(s.element(t, k), sub(lse, s.element(z, k))), 1, false);
    }

    private Expr diff(Value v, Expr k) {
        return sub(in(v, 0, k), in(v, 1, k));
    }

    private Expr in(Value v, int input, Expr k) {
        return s.element(v.input(input), k);
    }

    private int size(int id) {
        return s.graph().value(id).shape().rows();
    }

    private Expr zero() {
        return constant(real, 0);
    }

    private Expr one() {
        return constant(real, 1);
    }
}
