package dev.chainrule.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.Chainrule;
import dev.chainrule.StartingValues;
import dev.chainrule.loops.LoweredClass;
import dev.chainrule.runtime.DataException;
import dev.chainrule.runtime.Network;
import dev.chainrule.runtime.Weights;
import dev.chainrule.runtime.WeightsJson;
import dev.chainrule.description.Description;
import dev.chainrule.description.Descriptions;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A class with trained weights baked in predicts exactly as the trainer that learned them, for
 * both forms of description: the weights go through a weights file, as with {@code chainrule
 * train --save-weights} then {@code chainrule compile --weights}. The descriptions are chosen so
 * that the class keeps params in every layout its parameter spec can name: matrices by columns
 * ({@code in_out}, read through {@code W @ x}) and by rows ({@code out_in}), vectors and a
 * scalar; the file always holds them row-major.
 */
class BakedTrainedWeightsTest {

    /**
     * A graph whose class keeps W and M by columns (W @ x reads W; M's gradient reads M @ g),
     * P by rows (only its transpose is multiplied), a vector and a scalar.
     */
    static final String GRAPH = """
            name: BakedGraph
            precision: %s
            inputs: {x: [5]}
            targets: {t: [2]}
            params:
              W: {shape: [4, 5], init: glorot_uniform}
              b: {shape: [4], init: zeros}
              M: {shape: [4, 3], init: glorot_uniform}
              P: {shape: [3, 2], init: glorot_uniform}
              s: {shape: [], init: 0.75}
            graph:
              h: tanh(W @ x + b)
              u: h @ M
              y: s * (transpose(P) @ u)
              loss: mse(y, t)
            output: y
            loss: loss
            """;

    static final String LAYERS = """
            name: BakedLayers
            precision: %s
            input: 5
            layers:
              - {units: 7, activation: relu}
              - {units: 3, activation: softmax}
            loss: softmax_cross_entropy
            """;

    @ParameterizedTest(name = "{0}, {1}, {2}")
    @CsvSource({
        "graph, float, BYTECODE", "graph, double, SOURCE",
        "layers, float, SOURCE", "layers, double, BYTECODE",
    })
    void bakedClassPredictsExactlyAsTheTrainedOne(String form, String precision,
                                                   Backend backend) {
        Description spec = Descriptions.parse((form.equals("graph") ? GRAPH : LAYERS)
                .formatted(precision), form + ".yaml", Path.of("."));
        LoweredClass plain = Chainrule.compile(spec).lowered();
        if (form.equals("graph")) {
            for (String layout : List.of("W IN_OUT [4, 5]", "b VECTOR [4]", "M IN_OUT [4, 3]",
                    "P OUT_IN [3, 2]", "s SCALAR []")) {
                assertTrue(layouts(plain).contains(layout), layouts(plain).toString());
            }
        } else {
            assertTrue(layouts(plain).contains("layer1.weight IN_OUT [7, 5]"),
                    layouts(plain).toString());
        }
        Network trained = backend.instantiate(plain);
        StartingValues.apply(trained, spec, 5);
        Random rnd = new Random(5);
        double[][] xs = rows(rnd, 24, 5);
        double[][] ts = new double[24][trained.outputSize()];
        for (double[] t : ts) {
            t[rnd.nextInt(t.length)] = 1;
        }
        int[] order = new int[24];
        for (int k = 0; k < 24; k++) {
            order[k] = (k * 5) % 24;
        }
        for (int from = 0; from < 24; from += 4) {
            trained.trainBatch(xs, ts, order, from, 4, 0.3);
        }
        Weights saved = WeightsJson.read(new StringReader(WeightsJson.toJson(trained)), "w.json");

        Network baked = backend.instantiate(Chainrule.compile(spec, saved).lowered());

        for (String p : trained.parameterNames()) {
            assertBits(trained.getParameter(p), baked.getParameter(p), p);
        }
        double[] want = new double[trained.outputSize()];
        double[] got = new double[trained.outputSize()];
        for (double[] x : rows(rnd, 10, 5)) {
            trained.predict(x, want);
            baked.predict(x, got);
            assertBits(want, got, "prediction");
        }
    }

    @Test
    void aGraphsWeightsMustFitItsParams() {
        Description spec = Descriptions.parse(GRAPH.formatted("double"), "graph.yaml",
                Path.of("."));
        String json = ("{\"W\": %s, \"b\": [0, 0, 0, 0], \"M\": %s, \"P\": %s, \"s\": [1]}")
                .formatted(matrix(4, 5), matrix(4, 3), matrix(3, 2));
        Weights weights = WeightsJson.read(new StringReader(json), "w.json");
        assertEquals("w.json:1:" + (json.indexOf("\"s\"") + 1) + ": s has shape [1], network"
                + " 'BakedGraph' expects [] (a number)", org.junit.jupiter.api.Assertions
                .assertThrows(DataException.class, () -> Chainrule.compile(spec, weights))
                .getMessage());
    }

    private static String matrix(int rows, int cols) {
        StringBuilder s = new StringBuilder("[");
        for (int r = 0; r < rows; r++) {
            s.append(r > 0 ? ", [" : "[").append("0, ".repeat(cols - 1)).append("0]");
        }
        return s.append(']').toString();
    }

    /** Rows of values in [-1, 1], a quarter of them exactly zero. */
    private static double[][] rows(Random rnd, int n, int width) {
        double[][] xs = new double[n][width];
        for (double[] x : xs) {
            for (int k = 0; k < width; k++) {
                x[k] = rnd.nextInt(4) == 0 ? 0 : 2 * rnd.nextDouble() - 1;
            }
        }
        return xs;
    }

    private static void assertBits(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int k = 0; k < expected.length; k++) {
            assertEquals(Double.doubleToRawLongBits(expected[k]),
                    Double.doubleToRawLongBits(actual[k]), what + "[" + k + "]");
        }
    }

    /** Each param's {@code name STORAGE [dims]}. */
    private static List<String> layouts(LoweredClass c) {
        return c.parameters().stream().map(p -> p.name() + " " + p.storage() + " " + p.dims())
                .toList();
    }
}
