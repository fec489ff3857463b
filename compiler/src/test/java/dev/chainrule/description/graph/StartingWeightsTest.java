package dev.chainrule.description.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.description.Descriptions;
import dev.chainrule.description.SpecException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A graph's {@code weights:} file, {@code constants:} and {@code onnx_name}. */
class StartingWeightsTest {

    static final String NET = """
            name: Net
            weights: w.json
            inputs:
              x: [2]
            params:
              W: {shape: [1, 2], onnx_name: "fc.weight"}
              b: {shape: [1]}
            constants:
              mu: {shape: [2], onnx_name: "bn.running_mean"}
              half: {shape: [], value: 0.5}
            graph:
              y: W @ (x - mu) * half + b
            output: y
            """;

    @TempDir
    Path dir;

    private GraphSpec parse(String weights) throws Exception {
        Files.writeString(dir.resolve("w.json"), weights);
        return (GraphSpec) Descriptions.parse(Files.writeString(dir.resolve("net.yaml"), NET));
    }

    @Test
    void paramsAndConstantsTakeTheirValuesByOnnxNameOrIdentifier() throws Exception {
        GraphSpec spec = parse("{\"fc.weight\": [[1, 2]], \"b\": [3],"
                + " \"bn.running_mean\": [0.25, 0.75]}");
        assertEquals("fc.weight", spec.params().get(0).runtimeName());
        assertArrayEquals(new double[] {1, 2},
                ((GraphSpec.ParamInit.Literal) spec.params().get(0).init()).values());
        assertArrayEquals(new double[] {3},
                ((GraphSpec.ParamInit.Literal) spec.params().get(1).init()).values());
        assertArrayEquals(new double[] {0.25, 0.75}, spec.constants().get(0).values().values());
        assertArrayEquals(new double[] {0.5}, spec.constants().get(1).values().values());
    }

    @Test
    void aParamTheFileLacksKeepsItsInitAndAConstantWithoutValueIsAnError() throws Exception {
        GraphSpec spec = parse("{\"fc.weight\": [[1, 2]], \"mu\": [0, 0]}");
        assertEquals(new GraphSpec.ParamInit.Scheme("zeros"), spec.params().get(1).init());
        SpecException e = assertThrows(SpecException.class, () -> parse("{\"b\": [3]}"));
        assertEquals(dir.resolve("net.yaml") + ":9:3: constants.mu: no value: give it with"
                + " 'value:' or in the file that 'weights:' names", e.getMessage());
    }

    @Test
    void valuesOfAnotherSizeAreRejectedAtTheWeightsKey() {
        SpecException e = assertThrows(SpecException.class,
                () -> parse("{\"fc.weight\": [1, 2, 3], \"mu\": [0, 0]}"));
        assertEquals(dir.resolve("net.yaml") + ":2:10: weights: " + dir.resolve("w.json")
                + ": 'fc.weight' has 3 values, but its shape [1, 2] holds 2", e.getMessage());
    }
}
