package dev.chainrule.spec;

/**
 * How a parameter's initial values are drawn from the training seed when the description's
 * {@code init} section does not give them.
 *
 * <ul>
 *   <li>{@link #HE_UNIFORM}: uniform in {@code ±sqrt(6 / fanIn)}, for weights of relu layers.
 *   <li>{@link #GLOROT_UNIFORM}: uniform in {@code ±sqrt(6 / (fanIn + fanOut))}, for the weights
 *       of every other layer.
 *   <li>{@link #ZEROS}: all zero, for biases.
 * </ul>
 *
 * <p>The spellings are the ones the runtime's parameter layout uses.
 */
public enum Initializer {
    HE_UNIFORM("he_uniform"),
    GLOROT_UNIFORM("glorot_uniform"),
    ZEROS("zeros");

    private final String spelling;

    Initializer(String spelling) {
        this.spelling = spelling;
    }

    /** The runtime's name for this scheme, e.g. {@code he_uniform}. */
    public String spelling() {
        return spelling;
    }

    /** The default scheme for the weights of a layer with {@code activation}. */
    public static Initializer forWeightsOf(Activation activation) {
        return activation == Activation.RELU ? HE_UNIFORM : GLOROT_UNIFORM;
    }
}
