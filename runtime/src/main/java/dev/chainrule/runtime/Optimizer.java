package dev.chainrule.runtime;

import java.util.Locale;

/**
 * How a {@link Training} turns a batch's mean gradient into a step: plain or momentum SGD, Adam
 * or AdamW, with the semantics (and defaults) of PyTorch 1.13's {@code torch.optim.SGD},
 * {@code Adam} and {@code AdamW}. Immutable; each {@code with...} returns a modified copy and
 * checks its value. The learning rate is not part of it: it is {@link Training}'s, and a
 * {@link Schedule} changes it per epoch.
 *
 * <pre>{@code
 * Optimizer plain = Optimizer.sgd();
 * Optimizer nesterov = Optimizer.sgd().withMomentum(0.9).withNesterov(true).withWeightDecay(1e-4);
 * Optimizer adam = Optimizer.adam();                              // betas (0.9, 0.999), eps 1e-8
 * Optimizer adamw = Optimizer.adamw().withWeightDecay(0.05).withAmsgrad(true);
 * Training training = Training.builder().optimizer(adam).learningRate(1e-3).build();
 * }</pre>
 *
 * <p>With gradient {@code g}, parameter {@code θ} and learning rate {@code γ}, per element:
 * <ul>
 *   <li>sgd: {@code g ← g + λθ}; with momentum {@code μ ≠ 0}: {@code b ← g} at the first step,
 *       else {@code b ← μb + (1−τ)g}; then {@code g ← g + μb} (nesterov) or {@code g ← b};
 *       {@code θ ← θ − γg}.</li>
 *   <li>adam: {@code g ← g + λθ}; {@code m ← β₁m + (1−β₁)g}; {@code v ← β₂v + (1−β₂)g²};
 *       (amsgrad: {@code v̂ ← max(v̂, v)}, used for {@code v} below);
 *       {@code θ ← θ − (γ / (1−β₁ᵗ)) · m / (√v / √(1−β₂ᵗ) + ε)}.</li>
 *   <li>adamw: first {@code θ ← θ(1 − γλ)}, then adam without the {@code λθ} term.</li>
 * </ul>
 * Weight decay applies to every parameter, biases included.
 */
public final class Optimizer {

    /** The algorithm. */
    public enum Type {
        SGD("sgd"), ADAM("adam"), ADAMW("adamw");

        private final String spelling;

        Type(String spelling) {
            this.spelling = spelling;
        }

        /** As written in a description: {@code sgd}, {@code adam}, {@code adamw}. */
        public String spelling() {
            return spelling;
        }
    }

    private final Type type;
    private final double momentum;
    private final double dampening;
    private final boolean nesterov;
    private final double weightDecay;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final boolean amsgrad;

    private Optimizer(Type type, double momentum, double dampening, boolean nesterov,
                      double weightDecay, double beta1, double beta2, double eps,
                      boolean amsgrad) {
        this.type = type;
        this.momentum = momentum;
        this.dampening = dampening;
        this.nesterov = nesterov;
        this.weightDecay = weightDecay;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.amsgrad = amsgrad;
        check(!(momentum < 0) && Double.isFinite(momentum), "momentum must be finite and >= 0",
                momentum);
        check(Double.isFinite(dampening), "dampening must be finite", dampening);
        check(!(weightDecay < 0) && Double.isFinite(weightDecay),
                "weight_decay must be finite and >= 0", weightDecay);
        check(beta1 >= 0 && beta1 < 1, "betas[0] must be in [0, 1)", beta1);
        check(beta2 >= 0 && beta2 < 1, "betas[1] must be in [0, 1)", beta2);
        check(eps >= 0 && Double.isFinite(eps), "eps must be finite and >= 0", eps);
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new IllegalArgumentException(
                    "nesterov needs a momentum > 0 and zero dampening, got momentum "
                    + momentum + " and dampening " + dampening);
        }
    }

    private static void check(boolean ok, String message, double value) {
        if (!ok) {
            throw new IllegalArgumentException(message + ", got " + value);
        }
    }

    /** Plain SGD, {@code θ ← θ − γg}: momentum 0, dampening 0, no nesterov, weight decay 0. */
    public static Optimizer sgd() {
        return new Optimizer(Type.SGD, 0, 0, false, 0, 0.9, 0.999, 1e-8, false);
    }

    /** Adam with PyTorch's defaults: betas (0.9, 0.999), eps 1e-8, weight decay 0. */
    public static Optimizer adam() {
        return new Optimizer(Type.ADAM, 0, 0, false, 0, 0.9, 0.999, 1e-8, false);
    }

    /** AdamW with PyTorch's defaults: betas (0.9, 0.999), eps 1e-8, weight decay 0.01. */
    public static Optimizer adamw() {
        return new Optimizer(Type.ADAMW, 0, 0, false, 0.01, 0.9, 0.999, 1e-8, false);
    }

    /** The defaults of {@code type}: {@link #sgd()}, {@link #adam()} or {@link #adamw()}. */
    public static Optimizer of(Type type) {
        return type == Type.SGD ? sgd() : type == Type.ADAM ? adam() : adamw();
    }

    /** SGD momentum {@code μ >= 0} (sgd only). */
    public Optimizer withMomentum(double momentum) {
        requireSgd("momentum");
        return new Optimizer(type, momentum, dampening, nesterov, weightDecay, beta1, beta2, eps,
                amsgrad);
    }

    /** SGD dampening {@code τ} (sgd only). */
    public Optimizer withDampening(double dampening) {
        requireSgd("dampening");
        return new Optimizer(type, momentum, dampening, nesterov, weightDecay, beta1, beta2, eps,
                amsgrad);
    }

    /** Nesterov momentum (sgd only; needs momentum > 0 and dampening 0). */
    public Optimizer withNesterov(boolean nesterov) {
        requireSgd("nesterov");
        return new Optimizer(type, momentum, dampening, nesterov, weightDecay, beta1, beta2, eps,
                amsgrad);
    }

    /** Weight decay {@code λ >= 0}: L2 for sgd and adam, decoupled for adamw. */
    public Optimizer withWeightDecay(double weightDecay) {
        return new Optimizer(type, momentum, dampening, nesterov, weightDecay, beta1, beta2, eps,
                amsgrad);
    }

    /** Adam's {@code β₁, β₂}, each in {@code [0, 1)} (adam and adamw only). */
    public Optimizer withBetas(double beta1, double beta2) {
        requireAdam("betas");
        return new Optimizer(type, momentum, dampening, nesterov, weightDecay, beta1, beta2, eps,
                amsgrad);
    }

    /** Adam's {@code ε >= 0} (adam and adamw only). */
    public Optimizer withEps(double eps) {
        requireAdam("eps");
        return new Optimizer(type, momentum, dampening, nesterov, weightDecay, beta1, beta2, eps,
                amsgrad);
    }

    /** The AMSGrad variant (adam and adamw only). */
    public Optimizer withAmsgrad(boolean amsgrad) {
        requireAdam("amsgrad");
        return new Optimizer(type, momentum, dampening, nesterov, weightDecay, beta1, beta2, eps,
                amsgrad);
    }

    private void requireSgd(String setting) {
        if (type != Type.SGD) {
            throw new IllegalArgumentException(setting + " is a setting of sgd, not "
                    + type.spelling);
        }
    }

    private void requireAdam(String setting) {
        if (type == Type.SGD) {
            throw new IllegalArgumentException(setting + " is a setting of adam and adamw,"
                    + " not sgd");
        }
    }

    public Type type() {
        return type;
    }

    public double momentum() {
        return momentum;
    }

    public double dampening() {
        return dampening;
    }

    public boolean nesterov() {
        return nesterov;
    }

    public double weightDecay() {
        return weightDecay;
    }

    public double beta1() {
        return beta1;
    }

    public double beta2() {
        return beta2;
    }

    public double eps() {
        return eps;
    }

    public boolean amsgrad() {
        return amsgrad;
    }

    /**
     * True for SGD without momentum or weight decay: {@code θ ← θ − γg}, which the generated
     * class does itself (fused with the backward pass at batch 1), keeping no state.
     */
    public boolean plainSgd() {
        return type == Type.SGD && momentum == 0 && weightDecay == 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Optimizer && toString().equals(o.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    /** For example {@code sgd(momentum=0.9, dampening=0.0, nesterov=true, weight_decay=1.0E-4)}. */
    @Override
    public String toString() {
        if (type == Type.SGD) {
            return String.format(Locale.ROOT, "sgd(momentum=%s, dampening=%s, nesterov=%b,"
                    + " weight_decay=%s)", momentum, dampening, nesterov, weightDecay);
        }
        return String.format(Locale.ROOT, "%s(betas=(%s, %s), eps=%s, weight_decay=%s,"
                + " amsgrad=%b)", type.spelling, beta1, beta2, eps, weightDecay, amsgrad);
    }
}
