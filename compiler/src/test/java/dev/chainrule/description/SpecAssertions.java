package dev.chainrule.description;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Shared helpers: parse inline descriptions as {@code net.yaml} and check exact messages. */
final class SpecAssertions {

    static final Path BASE = Path.of("/work/nets");

    /** A valid two-layer description that tests extend with a few lines. */
    static final String MINIMAL = """
            name: Net
            input: 2
            layers:
              - units: 3
                activation: tanh
              - units: 1
                activation: sigmoid
            loss: mse
            """;

    private SpecAssertions() {}

    static NetworkSpec parseYaml(String yaml) {
        return SpecParser.parse(yaml, "net.yaml", BASE);
    }

    static NetworkSpec parseJson(String json) {
        return SpecParser.parse(json, "net.json", BASE);
    }

    /** Asserts that {@code yaml}, read as {@code net.yaml}, fails with exactly {@code message}. */
    static void assertYamlError(String yaml, String message) {
        SpecException error = assertThrows(SpecException.class, () -> parseYaml(yaml));
        assertEquals(message, error.getMessage());
    }

    static void assertJsonError(String json, String message) {
        SpecException error = assertThrows(SpecException.class, () -> parseJson(json));
        assertEquals(message, error.getMessage());
    }

    static Path resource(String name) {
        try {
            return Path.of(SpecAssertions.class.getResource("/spec/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
