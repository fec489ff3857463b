package dev.chainrule.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeightsJsonTest {

    /** A 3-input, 2-output network: weight [2][3], bias [2]. */
    private static TinyNet net(boolean doublePrecision, String layout) {
        return new TinyNet(3, 2, layout, doublePrecision, false, "glorot_uniform");
    }

    private static Weights read(String json) {
        return WeightsJson.read(new StringReader(json), "w.json");
    }

    private static String error(String json) {
        return assertThrows(DataException.class, () -> read(json).applyTo(net(true, "out_in")))
                .getMessage();
    }

    private static void assertSameBits(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length);
        for (int k = 0; k < expected.length; k++) {
            assertEquals(Double.doubleToRawLongBits(expected[k]),
                    Double.doubleToRawLongBits(actual[k]), "value " + k + ": " + actual[k]);
        }
    }

    @Test
    void renamedWeightsTakeNewNamesDropNullOnesAndKeepTheOthersWithTheirPositions() {
        java.util.Map<String, String> rename = new java.util.HashMap<>();
        rename.put("fc_weight", "fc.weight");
        rename.put("running_mean", null);
        Weights w = read("{\"fc_weight\": [[1, 2]], \"running_mean\": [0],\n \"b\": [3]}")
                .renamed(rename);
        assertEquals(java.util.Arrays.asList("fc.weight", "b"), w.names());
        assertArrayEquals(new int[] {1, 2}, w.shape("fc.weight"));
        assertArrayEquals(new double[] {1, 2}, w.values("fc.weight"));
        DataException e = assertThrows(DataException.class,
                () -> w.applyTo(net(true, "out_in")));
        assertEquals(true, e.getMessage().startsWith("w.json:1:2: "), e.getMessage());
    }

    @Test
    void writesOneRowPerLine() {
        TinyNet net = net(true, "in_out");
        net.setParameter("fc.weight", new double[] {0.5, -1, 0.1, 1e-20, 3, -0.0});
        net.setParameter("fc.bias", new double[] {0.25, 123456789.5});
        assertEquals("{\n"
                + "  \"fc.weight\": [\n"
                + "    [0.5, -1.0, 0.1],\n"
                + "    [1.0E-20, 3.0, -0.0]\n"
                + "  ],\n"
                + "  \"fc.bias\": [0.25, 1.234567895E8]\n"
                + "}\n", WeightsJson.toJson(net));
    }

    @Test
    void doubleValuesRoundTripExactly() {
        double[] w = {0.1, 1.0 / 3, -0.0, Double.MIN_VALUE, 1e-45, Double.MAX_VALUE};
        double[] b = {-123456789.123456789, Math.PI};
        TinyNet source = net(true, "out_in");
        source.setParameter("fc.weight", w);
        source.setParameter("fc.bias", b);

        TinyNet target = net(true, "in_out");
        read(WeightsJson.toJson(source)).applyTo(target);
        assertSameBits(w, target.getParameter("fc.weight"));
        assertSameBits(b, target.getParameter("fc.bias"));
    }

    @Test
    void floatValuesRoundTripExactlyAndStayShort() {
        double[] w = {0.1f, 1e-45f, -0.0f, Float.MAX_VALUE, 1.0f / 3, 16777217f};
        double[] b = {Float.MIN_NORMAL, -2.5e-38f};
        TinyNet source = net(false, "in_out");
        source.setParameter("fc.weight", w);
        source.setParameter("fc.bias", b);

        String json = WeightsJson.toJson(source);
        assertEquals("    [0.1, 1.4E-45, -0.0],", json.split("\n")[2]);
        TinyNet target = net(false, "out_in");
        read(json).applyTo(target);
        assertSameBits(w, target.getParameter("fc.weight"));
        assertSameBits(b, target.getParameter("fc.bias"));
        // The short text read as double is not the float; only after rounding to float it is.
        assertEquals(0.1, read(json).values("fc.weight")[0]);
    }

    @Test
    void numbersAreTheShortestExactText() {
        assertEquals("0.1", WeightsJson.number(0.1f, true));
        assertEquals("0.10000000149011612", WeightsJson.number(0.1f, false));
        assertEquals("1.4E-45", WeightsJson.number(Float.MIN_VALUE, true));
        assertEquals("4.9E-324", WeightsJson.number(Double.MIN_VALUE, false));
    }

    @Test
    void refusesToWriteNonFiniteValues() {
        TinyNet net = net(true, "out_in");
        net.setParameter("fc.weight", new double[] {0, 0, 0, 0, Double.NaN, 0});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WeightsJson.toJson(net));
        assertEquals("cannot write fc.weight[1][1] = NaN: JSON has no NaN or infinity"
                + " (did training diverge?)", e.getMessage());
    }

    @Test
    void roundTripsThroughAFile(@TempDir Path dir) throws IOException {
        TinyNet source = net(false, "in_out");
        Initializer.initialize(source, 3);
        File file = dir.resolve("tiny.weights.json").toFile();
        WeightsJson.write(source, file);
        TinyNet target = net(false, "in_out");
        WeightsJson.read(file).applyTo(target);
        assertSameBits(source.getParameter("fc.weight"), target.getParameter("fc.weight"));

        DataException missing = assertThrows(DataException.class,
                () -> WeightsJson.read(new File("nope.json")));
        assertEquals("nope.json: file not found", missing.getMessage());
    }

    @Test
    void readsShapesAndKeepsFileOrder() {
        Weights weights = read("{\"b\": [1, 2], \"w\": [[1, 2, 3], [4, 5, 6]], \"e\": []}");
        assertEquals(java.util.Arrays.asList("b", "w", "e"), weights.names());
        assertArrayEquals(new int[] {2}, weights.shape("b"));
        assertArrayEquals(new int[] {2, 3}, weights.shape("w"));
        assertArrayEquals(new int[] {0}, weights.shape("e"));
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, weights.values("w"));
        assertEquals("w.json", weights.source());
    }

    @Test
    void reportsBadStructureWithLineAndColumn() {
        assertEquals("w.json:1:1: expected an object of parameters such as"
                + " {\"layer1.weight\": [[...]], ...}", error("[1, 2]"));
        // a bare number is a scalar parameter (graphs have them); here the shape is wrong
        assertEquals("w.json:2:3: fc.bias has shape [] (a number), network 'tiny' expects [2]",
                error("{\n  \"fc.bias\": 0.5\n}"));
        assertEquals("w.json:2:14: expected an array of numbers for 'fc.bias'",
                error("{\n  \"fc.bias\": \"x\"\n}"));
        assertEquals("w.json:2:18: expected a number in 'fc.bias'",
                error("{\n  \"fc.bias\": [1, \"2\"]\n}"));
        assertEquals("w.json:3:5: row 1 of 'fc.weight' has 2 values, expected 3 like row 0",
                error("{\"fc.weight\": [\n    [1, 2, 3],\n    [4, 5]\n]}"));
        assertEquals("w.json:1:21: expected row 1 of 'fc.weight' (an array of numbers)",
                error("{\"fc.weight\": [[1], 2]}"));
        assertEquals("w.json:1:19: expected a number in 'fc.weight'",
                error("{\"fc.weight\": [1, [2]]}"));
        assertEquals("w.json:3:3: duplicate parameter 'fc.bias'",
                error("{\n  \"fc.bias\": [1, 2],\n  \"fc.bias\": [1, 2]\n}"));
        assertEquals("w.json:1:23: expected ',' or '}', got '\"'",
                error("{\"fc.bias\": [1, 2]    \"fc.weight\": []}"));
    }

    @Test
    void checksNamesAndShapesAgainstTheNetwork() {
        String bias = "  \"fc.bias\": [0, 0]";
        String weight = "  \"fc.weight\": [[1, 2, 3], [4, 5, 6]]";
        assertEquals("w.json:3:3: unknown parameter 'fc.wieght' (network 'tiny' has fc.weight,"
                + " fc.bias)", error("{\n" + bias + ",\n  \"fc.wieght\": [[1, 2, 3]]\n}"));
        assertEquals("w.json:2:3: fc.weight has shape [3][2], network 'tiny' expects [2][3]",
                error("{\n  \"fc.weight\": [[1, 2], [3, 4], [5, 6]],\n" + bias + "\n}"));
        assertEquals("w.json:2:3: fc.weight has shape [6], network 'tiny' expects [2][3]",
                error("{\n  \"fc.weight\": [1, 2, 3, 4, 5, 6],\n" + bias + "\n}"));
        assertEquals("w.json: missing parameter fc.bias (network 'tiny' needs all of fc.weight,"
                + " fc.bias)", error("{\n" + weight + "\n}"));
        assertEquals("w.json: missing parameters fc.weight, fc.bias (network 'tiny' needs all"
                + " of fc.weight, fc.bias)", error("{}"));
    }

    @Test
    void aRejectedFileChangesNothing() {
        TinyNet net = net(true, "out_in");
        net.setParameter("fc.weight", new double[] {1, 2, 3, 4, 5, 6});
        assertThrows(DataException.class, () -> read("{\"fc.weight\": [[0, 0, 0], [0, 0, 0]],"
                + " \"fc.bias\": [0, 0], \"extra\": [1]}").applyTo(net));
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, net.getParameter("fc.weight"));
    }
}
