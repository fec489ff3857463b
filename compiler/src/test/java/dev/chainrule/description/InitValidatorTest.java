package dev.chainrule.description;

import static dev.chainrule.description.SpecAssertions.assertYamlError;
import static dev.chainrule.description.SpecAssertions.parseYaml;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class InitValidatorTest {

    /** 2 inputs, layer1 3 tanh units with bias, out 1 unit without bias; init at line 8. */
    private static final String NET = """
            name: Net
            input: 2
            layers:
              - {units: 3, activation: tanh}
              - {name: out, units: 1, activation: identity, bias: false}
            loss: squared_error
            init:
            """;

    @Test
    void keepsValuesRowMajorInDescriptionOrder() {
        NetworkSpec spec = parseYaml(NET + """
                  out.weight: [[7, 8, 9]]
                  layer1.bias: [0.1, 0.2, 0.3]
                  layer1.weight: [[1, 2], [3, 4], [5, 6]]
                """);
        assertEquals(List.of("out.weight", "layer1.bias", "layer1.weight"),
                List.copyOf(spec.init().keySet()));
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6},
                spec.init().get("layer1.weight").values());
        assertArrayEquals(new int[] {3, 2}, spec.init().get("layer1.weight").shape());
        assertArrayEquals(new int[] {3}, spec.init().get("layer1.bias").shape());
        assertEquals(new InitialValues(new int[] {1, 3}, new double[] {7, 8, 9}),
                spec.init().get("out.weight"));
    }

    @Test
    void unknownParameter() {
        assertYamlError(NET + "  layer1.weights: [[1, 2], [3, 4], [5, 6]]\n",
                "net.yaml:8:3: unknown parameter 'layer1.weights' in init (did you mean"
                        + " 'layer1.weight'?)");
        assertYamlError(NET + "  hidden.weight: [[1, 2]]\n",
                "net.yaml:8:3: unknown parameter 'hidden.weight' in init (parameters are"
                        + " layer1.weight, layer1.bias, out.weight)");
    }

    @Test
    void biasOfALayerWithoutBias() {
        assertYamlError(NET + "  out.bias: [0]\n",
                "net.yaml:8:3: init.out.bias: layer 'out' has no bias (it sets bias: false)");
    }

    @Test
    void weightShapeMismatch() {
        assertYamlError(NET + "  layer1.weight: [[1, 2], [3, 4]]\n",
                "net.yaml:8:18: init.layer1.weight: expected 3 rows of 2 values ([out][in]),"
                        + " got 2 rows");
        assertYamlError(NET + "  layer1.weight: [[1, 2], [3, 4], [5, 6, 7]]\n",
                "net.yaml:8:35: init.layer1.weight[2]: expected a row of 2 values ([out][in]"
                        + " is 3 x 2), got 3 values");
        assertYamlError(NET + "  out.weight: [7, 8, 9]\n",
                "net.yaml:8:15: init.out.weight: expected 1 row of 3 values ([out][in]), got a"
                        + " flat list of 3 values; write one list per row, e.g. [[1.0, 2.0],"
                        + " [3.0, 4.0]]");
        assertYamlError(NET + "  out.weight: 1.0\n",
                "net.yaml:8:15: init.out.weight: expected 1 row of 3 values ([out][in]), got"
                        + " 1.0");
    }

    @Test
    void transposedWeightsGetAHint() {
        assertYamlError(NET + "  layer1.weight: [[1, 2, 3], [4, 5, 6]]\n",
                "net.yaml:8:18: init.layer1.weight: expected 3 rows of 2 values ([out][in]),"
                        + " got 2 rows; it looks transposed: weights are [out][in], one row per"
                        + " unit");
    }

    @Test
    void biasShapeMismatch() {
        assertYamlError(NET + "  layer1.bias: [1, 2]\n",
                "net.yaml:8:16: init.layer1.bias: expected 3 values ([out]), got 2 values");
    }

    @Test
    void valuesMustBeFiniteNumbers() {
        assertYamlError(NET + "  layer1.bias: [1, .nan, 3]\n",
                "net.yaml:8:20: init.layer1.bias[1]: expected a finite number, got .nan");
        assertYamlError(NET + "  layer1.bias: [1, x, 3]\n",
                "net.yaml:8:20: init.layer1.bias[1]: expected a number, got string 'x'");
        assertYamlError(NET + "  out.weight: [[1, 1e999, 3]]\n",
                "net.yaml:8:20: init.out.weight[0][1]: expected a finite number, got 1e999");
    }

    @Test
    void initMustBeAMapping() {
        assertYamlError(NET + "  - 1\n", "net.yaml:8:3: init: expected a mapping from"
                + " parameter names such as layer1.weight to values, got a list");
    }

    @Test
    void duplicateParameterIsADuplicateKey() {
        assertYamlError(NET + "  out.weight: [[1, 2, 3]]\n  out.weight: [[1, 2, 3]]\n",
                "net.yaml:9:3: duplicate key 'out.weight' in init (first at line 8, column 3)");
    }
}
