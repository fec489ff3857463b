package dev.chainrule.description;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The description spellings of the enums, which are part of the format's contract. */
class SpellingsTest {

    @Test
    void spellingsAreTheContract() {
        assertEquals(List.of("float", "double"),
                Arrays.stream(Precision.values()).map(Precision::spelling).toList());
        assertEquals(List.of("identity", "sigmoid", "tanh", "relu", "softmax"),
                Arrays.stream(Activation.values()).map(Activation::spelling).toList());
        assertEquals(List.of("squared_error", "mse", "softmax_cross_entropy"),
                Arrays.stream(Loss.values()).map(Loss::spelling).toList());
        assertEquals(List.of("zeros", "glorot_uniform", "glorot_normal", "he_uniform",
                        "he_normal", "normal", "uniform"),
                Arrays.stream(Initializer.Kind.values()).map(Initializer.Kind::spelling)
                        .toList());
        assertEquals("normal(std=0.02)", Initializer.normal(0.02).spelling());
        assertEquals("uniform(a=1.0)", Initializer.of(Initializer.Kind.UNIFORM).spelling());
        assertEquals(Optional.of(Initializer.normal(0.02)), Initializer.parse("normal(std=0.02)"));
        assertEquals(Optional.of(Initializer.HE_NORMAL), Initializer.parse("he_normal"));
        assertEquals(Optional.empty(), Initializer.parse("normal(a=0.02)"));
        assertEquals(Optional.empty(), Initializer.parse("uniform(a=-1)"));
    }

    @Test
    void fromSpellingIsExact() {
        assertEquals(Optional.of(Activation.RELU), Activation.fromSpelling("relu"));
        assertEquals(Optional.empty(), Activation.fromSpelling("ReLU"));
        assertEquals(Optional.of(Loss.MSE), Loss.fromSpelling("mse"));
        assertEquals(Optional.of(Precision.DOUBLE), Precision.fromSpelling("double"));
    }

    @Test
    void crossEntropyNeedsLogitsOrSoftmax() {
        for (Activation activation : Activation.values()) {
            boolean allowed = activation == Activation.IDENTITY
                    || activation == Activation.SOFTMAX;
            assertEquals(allowed, Loss.SOFTMAX_CROSS_ENTROPY.allowsOutputActivation(activation));
            assertEquals(true, Loss.MSE.allowsOutputActivation(activation));
        }
    }

    @Test
    void weightInitializerFollowsTheActivation() {
        assertEquals(Initializer.HE_UNIFORM, Initializer.forWeightsOf(Activation.RELU));
        assertEquals(Initializer.GLOROT_UNIFORM, Initializer.forWeightsOf(Activation.TANH));
        assertEquals(Initializer.GLOROT_UNIFORM, Initializer.forWeightsOf(Activation.SOFTMAX));
    }
}
