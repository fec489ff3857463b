package dev.chainrule.description;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

    private static final List<String> ACTIVATIONS =
            List.of("identity", "sigmoid", "tanh", "relu", "softmax");

    @Test
    void suggestsWithinTwoEdits() {
        assertEquals(Optional.of("relu"), Suggestions.closest("rleu", ACTIVATIONS));
        assertEquals(Optional.of("sigmoid"), Suggestions.closest("sigmod", ACTIVATIONS));
        assertEquals(Optional.of("tanh"), Suggestions.closest("tahn", ACTIVATIONS));
        assertEquals(Optional.of("softmax"), Suggestions.closest("SoftMax", ACTIVATIONS));
        assertEquals(Optional.of("learning_rate"),
                Suggestions.closest("lerning_rate", List.of("learning_rate", "seed")));
    }

    @Test
    void staysQuietForFarOrShortInput() {
        assertEquals(Optional.empty(), Suggestions.closest("gelu_new", ACTIVATIONS));
        assertEquals(Optional.empty(), Suggestions.closest("x", List.of("mse")));
        assertEquals(Optional.empty(), Suggestions.closest("ab", List.of("mse")));
    }

    @Test
    void distanceCountsSwapsAsOneEdit() {
        assertEquals(1, Suggestions.distance("rleu", "relu"));
        assertEquals(2, Suggestions.distance("kitten", "sittin"));
        assertEquals(0, Suggestions.distance("", ""));
        assertEquals(10, Suggestions.distance("", "0123456789"));
    }
}
