package dev.chainrule.description;

import java.util.Optional;

/**
 * Loss function between the last layer's output {@code y} and a target {@code t}, per sample.
 *
 * <ul>
 *   <li>{@link #SQUARED_ERROR} ({@code squared_error}): {@code ½ Σ (y − t)²}, the textbook
 *       worked-example loss whose gradient is {@code y − t}.
 *   <li>{@link #MSE} ({@code mse}): {@code (1/n) Σ (y − t)²} over the {@code n} outputs.
 *   <li>{@link #SOFTMAX_CROSS_ENTROPY} ({@code softmax_cross_entropy}): {@code −Σ t log p} with
 *       {@code p = softmax(z)}. The last layer must use {@code identity} (its output {@code z}
 *       are logits) or {@code softmax} (it outputs {@code p}); both describe the same network,
 *       and softmax and cross-entropy are differentiated as one fused, stable primitive.
 * </ul>
 */
public enum Loss {
    SQUARED_ERROR("squared_error"),
    MSE("mse"),
    SOFTMAX_CROSS_ENTROPY("softmax_cross_entropy");

    private final String spelling;

    Loss(String spelling) {
        this.spelling = spelling;
    }

    /** How this loss is written in a description. */
    public String spelling() {
        return spelling;
    }

    /** Whether this loss can follow a last layer with {@code activation}. */
    public boolean allowsOutputActivation(Activation activation) {
        return this != SOFTMAX_CROSS_ENTROPY
                || activation == Activation.IDENTITY
                || activation == Activation.SOFTMAX;
    }

    /** The loss written {@code spelling}, if any (exact, case-sensitive match). */
    public static Optional<Loss> fromSpelling(String spelling) {
        return Spellings.find(values(), Loss::spelling, spelling);
    }
}
