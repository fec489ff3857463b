package dev.chainrule.description;

import static dev.chainrule.description.SpecAssertions.assertYamlError;
import static dev.chainrule.description.SpecAssertions.parseYaml;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The layer form's image layers: shapes through conv2d, pools and flatten, PyTorch's param
 * layout [K, C, kh, kw] and [K], the defaults (stride of a pool = its kernel), and each bad
 * input as one located message.
 */
class ImageLayerSpecTest {

    private static final String LENET = """
            name: LeNet
            input: [1, 28, 28]
            layers:
              - {type: conv2d, filters: 6, kernel: 5, stride: 1, padding: 2, dilation: 1, activation: relu}
              - {type: max_pool2d, kernel: 2}
              - {type: conv2d, filters: 16, kernel: [5, 5], activation: relu}
              - {type: avg_pool2d, kernel: 2, stride: 2, padding: 0}
              - {type: flatten}
              - {units: 120, activation: relu}
              - {units: 10, activation: identity}
            loss: softmax_cross_entropy
            """;

    @Test
    void shapesAndParamsFollowPyTorch() {
        NetworkSpec spec = parseYaml(LENET);
        assertEquals(784, spec.inputSize());
        List<LayerSpec> l = spec.layers();
        assertEquals(List.of(6, 28, 28), l.get(0).image().out());
        assertEquals(List.of(6, 14, 14), l.get(1).image().out());
        assertEquals(List.of(16, 10, 10), l.get(2).image().out());
        assertEquals(List.of(16, 5, 5), l.get(3).image().out());
        assertEquals(List.of(400), l.get(4).image().out());
        assertEquals(400, l.get(5).fanIn());
        assertEquals("layer3", l.get(2).name());
        assertArrayEquals(new int[] {6, 1, 5, 5}, spec.parameter("layer1.weight").get().shape());
        assertArrayEquals(new int[] {6}, spec.parameter("layer1.bias").get().shape());
        assertArrayEquals(new int[] {16, 6, 5, 5}, spec.parameter("layer3.weight").get().shape());
        assertEquals(List.of("layer1.weight", "layer1.bias", "layer3.weight", "layer3.bias",
                "layer6.weight", "layer6.bias", "layer7.weight", "layer7.bias"),
                spec.parameters().stream().map(ParameterSpec::name).toList());
        // 6·25 + 6, 16·6·25 + 16, 400·120 + 120, 120·10 + 10
        assertEquals(156 + 2416 + 48120 + 1210, spec.parameterCount());
        assertEquals(Initializer.HE_UNIFORM, l.get(0).weightInitializer());
        // each output element of a conv sums C·kh·kw products; pools and flatten multiply none
        assertEquals(6 * 28 * 28 * 25, l.get(0).multiplyAdds());
        assertEquals(16 * 10 * 10 * 6 * 25, l.get(2).multiplyAdds());
        assertEquals(0, l.get(1).multiplyAdds());
        assertEquals(400 * 120, l.get(5).multiplyAdds());
    }

    @Test
    void convWeightsTakeNestedInitialValues() {
        NetworkSpec spec = parseYaml("""
                name: Tiny
                input: [1, 3, 3]
                layers:
                  - {name: c, type: conv2d, filters: 2, kernel: [1, 2], bias: false}
                  - {type: flatten}
                  - {units: 2, activation: softmax}
                loss: softmax_cross_entropy
                init:
                  c.weight: [[[[1, 2]]], [[[3, 4]]]]
                """);
        assertArrayEquals(new int[] {2, 1, 1, 2}, spec.init().get("c.weight").shape());
        assertArrayEquals(new double[] {1, 2, 3, 4}, spec.init().get("c.weight").values());
        assertEquals(2 * 3 * 2, spec.layers().get(1).units());
    }

    private static final String BAD = """
            name: Bad
            input: [1, 8, 8]
            layers:
              - %s
              - {type: flatten}
              - {units: 3, activation: softmax}
            loss: softmax_cross_entropy
            """;

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            '{type: conv2d, filters: 2, kernel: 3, strides: 2}' | 'net.yaml:4:43: unknown key ''strides'' in layers[0] (did you mean ''stride''?)'
            '{type: conv, filters: 2, kernel: 3}' | 'net.yaml:4:12: layers[0].type: unknown layer type ''conv'' (expected one of dense, conv2d, max_pool2d, avg_pool2d, flatten; did you mean ''conv2d''?)'
            '{type: conv2d, filters: 2, kernel: 9}' | 'net.yaml:4:40: layers[0].kernel: the kernel [9, 9] (stride [1, 1], padding [0, 0], dilation [1, 1]) is larger than the padded input [1, 8, 8] (output size 0 x 0)'
            '{type: conv2d, filters: 2, kernel: 3, stride: 0}' | 'net.yaml:4:51: layers[0].stride: must be at least 1, got 0'
            '{type: max_pool2d, kernel: 2, padding: 2}' | 'net.yaml:4:44: layers[0].padding: padding [2, 2] is above half the kernel [2, 2]'
            '{type: avg_pool2d, kernel: [2, 2, 2]}' | 'net.yaml:4:32: layers[0].kernel: expected an integer or a pair [h, w], got a list of 3'
            '{type: conv2d, kernel: 3}' | 'net.yaml:4:5: layers[0]: missing required key ''filters'''
            '{units: 4, activation: relu}' | 'net.yaml:4:5: layers[0]: a dense layer needs a vector input, but its input is [1, 8, 8]; add {type: flatten} before it'
            '{type: conv2d, filters: 2, kernel: 3, padding: 100000}' | 'net.yaml:4:52: layers[0].padding: output too large: [2, 200006, 200006] (at most 1,000,000 values)'
            '{type: conv2d, filters: 60000, kernel: 1}' | 'net.yaml:4:29: layers[0].filters: output too large: [60000, 8, 8] (at most 1,000,000 values)'
            """)
    void badLayersAreOneLocatedLine(String layer, String message) {
        assertYamlError(BAD.formatted(layer), message);
    }

    @Test
    void badInputsAreLocated() {
        assertYamlError("""
                name: Bad
                input: 64
                layers:
                  - {type: conv2d, filters: 2, kernel: 3}
                  - {units: 3, activation: softmax}
                loss: softmax_cross_entropy
                """, "net.yaml:4:12: layers[0].type: conv2d needs an image input [C, H, W], but"
                + " its input is a vector of 64");
        assertYamlError("""
                name: Bad
                input: [8, 8]
                layers:
                  - {units: 3, activation: softmax}
                loss: softmax_cross_entropy
                """, "net.yaml:2:8: input: expected a width such as 784 or an image [C, H, W]"
                + " such as [1, 28, 28], got a list of 2");
    }

    /** Found by ImageLayerFuzzTest: an image last layer reached the graph builder's softmax. */
    @Test
    void anImageOutputIsALocatedLossError() {
        assertYamlError("""
                name: Bad
                input: [1, 8, 8]
                layers:
                  - {type: conv2d, filters: 3, kernel: 3}
                  - {type: avg_pool2d, kernel: 2}
                loss: softmax_cross_entropy
                """, "net.yaml:6:7: loss: softmax_cross_entropy needs a vector output, but"
                + " layers[1] (layer2) outputs [3, 3, 3]; add {type: flatten} after it");
        assertYamlError("""
                name: Bad
                input: [2, 4, 4]
                layers:
                  - {name: pool, type: max_pool2d, kernel: 2}
                loss: mse
                """, "net.yaml:5:7: loss: mse needs a vector output, but layers[0] (pool)"
                + " outputs [2, 2, 2]; add {type: flatten} after it");
    }
}
