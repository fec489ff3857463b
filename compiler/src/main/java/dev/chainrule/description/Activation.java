package dev.chainrule.description;

import java.util.Optional;

/**
 * Activation function applied to a dense layer's output.
 *
 * <p>{@link #SOFTMAX} normalizes the whole output vector and is only allowed on the last layer;
 * the others apply element by element.
 */
public enum Activation {
    IDENTITY("identity"),
    SIGMOID("sigmoid"),
    TANH("tanh"),
    RELU("relu"),
    SOFTMAX("softmax");

    private final String spelling;

    Activation(String spelling) {
        this.spelling = spelling;
    }

    /** How this activation is written in a description. */
    public String spelling() {
        return spelling;
    }

    /** The activation written {@code spelling}, if any (exact, case-sensitive match). */
    public static Optional<Activation> fromSpelling(String spelling) {
        return Spellings.find(values(), Activation::spelling, spelling);
    }
}
