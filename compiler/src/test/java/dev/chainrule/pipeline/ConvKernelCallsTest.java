package dev.chainrule.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.Chainrule;
import dev.chainrule.codegen.SourceBackend;
import dev.chainrule.description.Descriptions;
import dev.chainrule.description.SpecParser;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Which conv2d lowering a class gets: in a float network, calls to the runtime's
 * {@code ConvKernels} with the sizes of the description (LeNet-5's, written out here from its
 * layers); in a double network, the loops (the kernels are float). That the kernels give the
 * loops' bits is {@code ConvKernelsTest}'s; that classes train alike on both backends and as
 * twins is {@link ConvTwinTest}'s.
 */
class ConvKernelCallsTest {

    @Test
    void leNetCallsTheKernelsWithItsSizes() {
        String java = SourceBackend.emit(Chainrule.compile(
                SpecParser.parse(ConvTwinTest.sample("mnist-lenet.yaml"))).lowered());
        // conv1: 1@28×28, 6 filters 5×5, padding 2 (the input needs no gradient); conv2:
        // 6@14×14, 16 filters 5×5; the training step and evaluate share each forward call
        assertEquals(List.of(
                "forward(input, conv1_weight, conv1_bias, conv1_z, 1, 28, 28, 6, 5, 5, 1, 1, 2, 2,"
                        + " 1, 1, conv1_z_cols)",
                "forward(pool1_z, conv2_weight, conv2_bias, conv2_z, 6, 14, 14, 16, 5, 5, 1, 1, 0,"
                        + " 0, 1, 1, conv2_z_cols)",
                "inputGradient(d_conv2_z, conv2_weight, d_pool1_z, 6, 14, 14, 16, 5, 5, 1, 1, 0, 0,"
                        + " 1, 1)",
                "weightGradient(d_conv2_z, pool1_z, d_conv2_weight, 6, 14, 14, 16, 5, 5, 1, 1, 0,"
                        + " 0, 1, 1, d_conv2_weight_cols, d_conv2_weight_positions)",
                "weightGradient(d_conv1_z, input, d_conv1_weight, 1, 28, 28, 6, 5, 5, 1, 1, 2, 2,"
                        + " 1, 1, d_conv1_weight_cols, d_conv1_weight_positions)"),
                distinctCalls(java));
        assertTrue(java.contains("private final float[] conv2_z_cols;"), "scratch fields");
    }

    @Test
    void aConvWithoutBiasStartsFromAZeroFieldAndDoubleNetworksKeepTheLoops() {
        String layers = """
                name: NoBias
                precision: %s
                input: [2, 7, 8]
                layers:
                  - {name: c, type: conv2d, filters: 3, kernel: [3, 2], stride: [1, 2], padding: 1, dilation: [2, 1], bias: false}
                  - {type: flatten}
                  - {name: o, units: 2, activation: softmax}
                loss: softmax_cross_entropy
                """;
        String single = SourceBackend.emit(Chainrule.compile(Descriptions.parse(
                layers.formatted("float"), "nobias.yaml", Path.of("."))).lowered());
        assertTrue(single.contains("ConvKernels.LIVE.forward(input, c_weight, c_z_zero_bias, c_z,"
                + " 2, 7, 8, 3, 3, 2, 1, 2, 1, 1, 2, 1, c_z_cols)"), single);
        assertTrue(single.contains("private final float[] c_z_zero_bias;"));
        String twice = SourceBackend.emit(Chainrule.compile(Descriptions.parse(
                layers.formatted("double"), "nobias.yaml", Path.of("."))).lowered());
        assertFalse(twice.contains("ConvKernels"), "a double network lowers conv2d to loops");
    }

    private static List<String> distinctCalls(String java) {
        Matcher m = Pattern.compile("ConvKernels\\.LIVE\\.(\\w+\\([^)]*\\))").matcher(java);
        java.util.LinkedHashSet<String> calls = new java.util.LinkedHashSet<>();
        while (m.find()) {
            calls.add(m.group(1));
        }
        return List.copyOf(calls);
    }
}
