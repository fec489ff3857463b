package dev.chainrule.ir;

import java.util.Locale;

/**
 * The operation one IR {@link Value} applies to earlier values. Forward meaning lives in the
 * lowering ({@code dev.chainrule.lower}); each kind's adjoint rule lives in
 * {@code dev.chainrule.autodiff.AdjointRules}, one case per kind.
 *
 * @param parameter the parameter's name, for {@link Kind#PARAMETER}
 * @param constant the value, for {@link Kind#CONSTANT}
 * @param size the vector width, for {@link Kind#INPUT} and {@link Kind#TARGET}
 */
public record Op(Kind kind, String parameter, double constant, int size) {

    public enum Kind {
        /** The sample's input vector. */
        INPUT,
        /** The sample's target vector. */
        TARGET,
        /** A trainable weight matrix [out][in] or bias vector [out]. */
        PARAMETER,
        /** A scalar constant; 1 seeds reverse mode. */
        CONSTANT,
        /** W · a: matrix [out][in] times vector [in]. */
        MATVEC,
        /** Wᵀ · g: transposed matrix [out][in] times vector [out]. */
        MATTVEC,
        /** g · aᵀ: outer product of [out] and [in], a weight gradient. */
        OUTER,
        ADD,
        SUB,
        /** Elementwise product. */
        MUL,
        /** Vector times a scalar value. */
        SCALE,
        IDENTITY,
        SIGMOID,
        TANH,
        RELU,
        SOFTMAX,
        /** A vector of ones: the identity's derivative, removed by simplification. */
        ONES,
        /** σ'(z) from the forward output y: y(1 − y). */
        SIGMOID_DERIVATIVE,
        /** tanh'(z) from the forward output y: 1 − y². */
        TANH_DERIVATIVE,
        /** relu'(z) from the forward output y: 1 where y > 0, else 0. */
        RELU_DERIVATIVE,
        /** Softmax's vector-Jacobian product from output y and adjoint g: y ⊙ (g − g·y). */
        SOFTMAX_BACKWARD,
        /** ½ Σ (y − t)². */
        SQUARED_ERROR,
        /** mean (y − t)². */
        MEAN_SQUARED_ERROR,
        /** −Σ t · log softmax(z), fused and stable through logsumexp. */
        SOFTMAX_CROSS_ENTROPY
    }

    public static Op of(Kind kind) {
        return new Op(kind, null, 0, 0);
    }

    public static Op input(int size) {
        return new Op(Kind.INPUT, null, 0, size);
    }

    public static Op target(int size) {
        return new Op(Kind.TARGET, null, 0, size);
    }

    public static Op parameter(String name) {
        return new Op(Kind.PARAMETER, name, 0, 0);
    }

    public static Op constant(double value) {
        return new Op(Kind.CONSTANT, null, value, 0);
    }

    /** Short name used when the IR is printed. */
    public String mnemonic() {
        String name = kind.name().toLowerCase(Locale.ROOT);
        return switch (kind) {
            case PARAMETER -> "param " + parameter;
            case CONSTANT -> "const " + constant;
            default -> name;
        };
    }
}
