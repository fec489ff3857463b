package dev.chainrule.description.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.description.Descriptions;
import dev.chainrule.description.SpecException;
import java.nio.file.Path;
import java.util.stream.Collectors;

/** Shared helpers: parse inline graph descriptions and check exact messages. */
final class GraphAssertions {

    static final Path BASE = Path.of("/work/nets");

    /** The seed graph of issue 9, verbatim. */
    static final String SEED = """
            name: SeedGraph            # class name (validated Java identifier)
            package: samples.graphs    # optional
            precision: double          # float (default) | double
            inputs:                    # fed per sample, in this order
              a: []
              b: []
            targets:                   # optional; fed per sample after the inputs
              t: []
            params:                    # optional; trainable tensors
              W: {shape: [3, 2], init: [[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]]}   # literal
              v: {shape: [3], init: zeros}                                       # an initializer
            graph:                     # ordered
              c: a + b
              d: b + 1
              e: c * d
            output: e                  # the node predict prints and grad differentiates
            loss: e                    # optional: the scalar node train minimizes
            training: {learning_rate: 0.1, batch_size: 1, epochs: 1, shuffle: false, seed: 42}
            """;

    /** A small valid graph that tests extend or edit. */
    static final String MINIMAL = """
            name: Net
            inputs:
              x: [2]
            graph:
              y: sum(x)
            output: y
            """;

    private GraphAssertions() {}

    static GraphSpec parseYaml(String yaml) {
        return assertInstanceOf(GraphSpec.class, Descriptions.parse(yaml, "net.yaml", BASE));
    }

    static GraphSpec parseJson(String json) {
        return assertInstanceOf(GraphSpec.class, Descriptions.parse(json, "net.json", BASE));
    }

    static void assertYamlError(String yaml, String message) {
        SpecException error = assertThrows(SpecException.class, () -> parseYaml(yaml));
        assertEquals(message, error.getMessage());
    }

    static void assertJsonError(String json, String message) {
        SpecException error = assertThrows(SpecException.class, () -> parseJson(json));
        assertEquals(message, error.getMessage());
    }

    /**
     * Everything a spec says, without where it was written: equal for the same graph in YAML
     * and in JSON.
     */
    static String meaning(GraphSpec spec) {
        return spec.qualifiedName() + " " + spec.precision()
                + "\ninputs " + spec.inputs().stream().map(l -> l.name() + l.shape())
                        .collect(Collectors.joining(" "))
                + "\ntargets " + spec.targets().stream().map(l -> l.name() + l.shape())
                        .collect(Collectors.joining(" "))
                + "\nparams " + spec.params().stream()
                        .map(p -> p.name() + p.shape() + "=" + p.init())
                        .collect(Collectors.joining(" "))
                + "\n" + spec.nodes().stream()
                        .map(n -> n.name() + " = " + ExpressionPrinter.print(n.expression()))
                        .collect(Collectors.joining("\n"))
                + "\noutput " + spec.output().name() + " loss " + spec.loss().name()
                + "\n" + spec.training() + " " + spec.data();
    }
}
