package dev.chainrule.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.codegen.Backend;
import dev.chainrule.runtime.Network;
import dev.chainrule.description.NetworkSpec;
import dev.chainrule.description.SpecParser;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class GradientCheckTest {

    private static final String NET = """
            name: Small
            precision: double
            input: 3
            layers:
              - {units: 4, activation: tanh}
              - {units: 2, activation: softmax}
            loss: softmax_cross_entropy
            """;

    @Test
    void aCorrectGradientPasses() {
        Network net = network();
        double[][][] samples = GradientCheck.randomSamples(3, 2, true, 4, 1);

        List<GradientCheck.Result> results = GradientCheck.check(net, samples[0], samples[1], 0);

        assertEquals(List.of("layer1.weight", "layer1.bias", "layer2.weight", "layer2.bias"),
                results.stream().map(GradientCheck.Result::parameter).toList());
        for (GradientCheck.Result result : results) {
            assertTrue(result.passed(), result.toString());
            assertTrue(result.maxRelativeError() < 1e-7, result.toString());
        }
        assertEquals(12, results.get(0).checked());
    }

    @Test
    void aGradientOffByOnePartInAThousandFails() {
        Network net = new ScaledGradient(network(), "layer1.weight", 1.001);
        double[][][] samples = GradientCheck.randomSamples(3, 2, true, 2, 1);

        List<GradientCheck.Result> results = GradientCheck.check(net, samples[0], samples[1], 0);

        GradientCheck.Result wrong = results.get(0);
        assertFalse(wrong.passed());
        assertEquals(0.001 / 2.001, wrong.maxRelativeError(), 1e-6);
        assertTrue(results.get(1).passed() && results.get(2).passed() && results.get(3).passed());
    }

    @Test
    void parametersAreRestoredExactly() {
        Network net = network();
        double[][] before = Arrays.stream(net.parameterNames()).map(net::getParameter)
                .toArray(double[][]::new);
        double[][][] samples = GradientCheck.randomSamples(3, 2, true, 2, 3);

        GradientCheck.check(net, samples[0], samples[1], 0);

        for (int p = 0; p < before.length; p++) {
            assertArrayEquals(before[p], net.getParameter(net.parameterNames()[p]));
        }
    }

    @Test
    void entriesAreSpreadEvenly() {
        assertArrayEquals(new int[] {0, 1, 2, 3}, GradientCheck.entries(4, 0));
        assertArrayEquals(new int[] {0, 1, 2, 3}, GradientCheck.entries(4, 10));
        assertArrayEquals(new int[] {0, 25, 50, 75}, GradientCheck.entries(100, 4));
    }

    @Test
    void relativeError() {
        assertEquals(0, GradientCheck.relativeError(0, 0, 0));
        assertEquals(0.5, GradientCheck.relativeError(1, 3, 0 /* no noise */), 1e-15);
        // Below the floor, the error is absolute over the floor.
        assertEquals(1e-12 / GradientCheck.FLOOR, GradientCheck.relativeError(1e-12, 0, 0),
                1e-15);
        // Differences within the finite differences' resolution are not errors.
        assertTrue(GradientCheck.relativeError(4e-6, 4.0003e-6, 1e-9)
                <= GradientCheck.TOLERANCE);
        assertTrue(GradientCheck.relativeError(4e-6, 4.1e-6, 1e-9) > GradientCheck.TOLERANCE);
    }

    @Test
    void randomSamplesAreReproducibleAndOneHotForClassifiers() {
        double[][][] a = GradientCheck.randomSamples(5, 3, true, 4, 9);
        double[][][] b = GradientCheck.randomSamples(5, 3, true, 4, 9);

        assertTrue(Arrays.deepEquals(a, b));
        for (double[] t : a[1]) {
            assertEquals(1, Arrays.stream(t).sum());
            assertEquals(2, Arrays.stream(t).filter(v -> v == 0).count());
        }
        for (double[] x : a[0]) {
            assertTrue(Arrays.stream(x).allMatch(v -> v >= 0 && v < 1));
        }
    }

    private static Network network() {
        NetworkSpec spec = SpecParser.parse(NET, "small.yaml", Path.of("."));
        return Networks.initialized(spec, Backend.BYTECODE, 7);
    }

    /** A network whose reported gradient of one parameter is off by a factor. */
    private static final class ScaledGradient implements Network {
        private final Network net;
        private final String parameter;
        private final double factor;

        ScaledGradient(Network net, String parameter, double factor) {
            this.net = net;
            this.parameter = parameter;
            this.factor = factor;
        }

        @Override
        public double[] getGradient(String name) {
            double[] gradient = net.getGradient(name);
            if (name.equals(parameter)) {
                for (int k = 0; k < gradient.length; k++) {
                    gradient[k] *= factor;
                }
            }
            return gradient;
        }

        @Override public String name() { return net.name(); }
        @Override public int inputSize() { return net.inputSize(); }
        @Override public int outputSize() { return net.outputSize(); }
        @Override public boolean doublePrecision() { return net.doublePrecision(); }
        @Override public boolean classifier() { return net.classifier(); }
        @Override public String[] parameterNames() { return net.parameterNames(); }
        @Override public int[] parameterShape(String name) { return net.parameterShape(name); }
        @Override public String initializer(String name) { return net.initializer(name); }
        @Override public double[] getParameter(String name) { return net.getParameter(name); }
        @Override public void setParameter(String name, double[] v) { net.setParameter(name, v); }
        @Override public void predict(double[] x, double[] y) { net.predict(x, y); }
        @Override public double loss(double[] x, double[] t) { return net.loss(x, t); }

        @Override
        public double computeGradient(double[] x, double[] t) {
            return net.computeGradient(x, t);
        }

        @Override
        public double trainBatch(double[][] xs, double[][] ts, int[] order, int from, int count,
                                 double learningRate) {
            return net.trainBatch(xs, ts, order, from, count, learningRate);
        }
    }
}
