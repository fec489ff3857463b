package dev.chainrule.description;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Damaged descriptions fail only with {@link SpecException}: one line, starting with the file
 * name, naming no library class. Nothing else (no NullPointerException, no Jackson exception)
 * may escape the parser.
 */
class SpecFuzzTest {

    private static final String YAML = """
            name: WorkedExample
            package: samples.nets
            precision: double
            input: 2
            layers:
              - {units: 2, activation: identity, bias: false}
              - name: out
                units: 1
                activation: identity
                bias: false
            loss: squared_error
            training: {learning_rate: 0.1, batch_size: 1, epochs: 1, shuffle: false, seed: 42}
            data:
              train: data/train.csv
              test: {images: i.idx, labels: l.idx}
            init:
              layer1.weight: [[0.5, 1.5], [2.3, 3.0]]
              out.weight: [[1.0, 1.0]]
            """;

    private static final String JSON = """
            {"name": "Net", "input": 2, "precision": "float",
             "layers": [{"units": 3, "activation": "relu"}, {"units": 2, "activation": "softmax"}],
             "loss": "softmax_cross_entropy", "training": {"epochs": 2},
             "init": {"layer2.bias": [0.5, -0.5]}}
            """;

    private static final List<String> PIECES = List.of(":", " ", "\n", "  ", "-", "[", "]", "{",
            "}", ",", "\"", "'", "#", "\t", "&a", "*a", "---", "0", "-1", "1.5", ".nan", "~",
            "units", "layers", "softmax", "name", "bias", "x", "\u00e9", "\u0000", "\u0007");

    @Property(tries = 1000)
    void damagedYamlFailsOnlyWithALocatedOneLineMessage(@ForAll("damagedYaml") String text) {
        checkParses(text, "net.yaml");
    }

    @Property(tries = 500)
    void damagedJsonFailsOnlyWithALocatedOneLineMessage(@ForAll("damagedJson") String text) {
        checkParses(text, "net.json");
    }

    private static void checkParses(String text, String displayName) {
        try {
            SpecParser.parse(text, displayName, SpecAssertions.BASE);
        } catch (SpecException e) {
            String message = e.getMessage();
            assertTrue(message.startsWith(displayName + ":"), message);
            assertFalse(message.chars().anyMatch(Character::isISOControl), message);
            assertFalse(message.matches(".*(jackson|snakeyaml|Exception|\\bcom\\.|\\borg\\.).*"),
                    message);
        }
    }

    @Provide
    Arbitrary<String> damagedYaml() {
        return Arbitraries.randomValue(random -> TextDamage.damage(random, YAML, PIECES, 4));
    }

    @Provide
    Arbitrary<String> damagedJson() {
        return Arbitraries.randomValue(random -> TextDamage.damage(random, JSON, PIECES, 4));
    }
}
