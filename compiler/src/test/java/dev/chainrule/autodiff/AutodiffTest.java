package dev.chainrule.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.ir.Graph;
import dev.chainrule.ir.GraphBuilder;
import dev.chainrule.ir.GraphInterpreter;
import dev.chainrule.ir.GraphVerifier;
import dev.chainrule.ir.Op;
import dev.chainrule.ir.Shape;
import dev.chainrule.passes.PassPipeline;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class AutodiffTest {

    /** The textbook worked example: 2-2-1, identity, no bias, ½(y − t)². */
    static Graph workedExample() {
        GraphBuilder b = new GraphBuilder();
        int x = b.add(Op.input(2), "input");
        int t = b.add(Op.target(1), "target");
        int w1 = b.addLeaf(Op.parameter("layer1.weight"), "layer1.weight", Shape.matrix(2, 2));
        int z1 = b.add(Op.of(Op.Kind.MATVEC), "layer1.z", w1, x);
        int a1 = b.add(Op.of(Op.Kind.IDENTITY), "layer1.a", z1);
        int w2 = b.addLeaf(Op.parameter("out.weight"), "out.weight", Shape.matrix(1, 2));
        int z2 = b.add(Op.of(Op.Kind.MATVEC), "out.z", w2, a1);
        int y = b.add(Op.of(Op.Kind.IDENTITY), "out.a", z2);
        b.output(Graph.OUTPUT, y);
        b.output(Graph.LOSS, b.add(Op.of(Op.Kind.SQUARED_ERROR), "loss", y, t));
        return b.build();
    }

    /**
     * h = Wᵀx; z = W h: W reaches the loss along two paths, one through Wᵀx, whose adjoint rule
     * was missing (the gradient silently lacked that path). Checked against central differences.
     */
    @Test
    void aTransposedProductPassesItsGradientToBothInputs() {
        GraphBuilder b = new GraphBuilder();
        int x = b.add(Op.input(3), "input");
        int t = b.add(Op.target(3), "target");
        int w = b.addLeaf(Op.parameter("w"), "w", Shape.matrix(3, 2));
        int h = b.add(Op.of(Op.Kind.MATTVEC), "h", w, x);
        int z = b.add(Op.of(Op.Kind.MATVEC), "z", w, h);
        b.output(Graph.OUTPUT, z);
        b.output(Graph.LOSS, b.add(Op.of(Op.Kind.SQUARED_ERROR), "loss", z, t));
        Graph forward = b.build();
        Graph g = Autodiff.differentiate(forward);
        double[] xs = {0.3, -1.2, 0.7};
        double[] ts = {0.5, 0.1, -0.4};
        double[] weights = {0.2, -0.5, 1.1, 0.4, -0.3, 0.9};
        double[] analytic = GraphInterpreter.output(g, "grad:w", xs, ts, Map.of("w", weights));
        for (int k = 0; k < weights.length; k++) {
            double[] up = weights.clone();
            double[] down = weights.clone();
            up[k] += 1e-6;
            down[k] -= 1e-6;
            double numeric = (GraphInterpreter.output(forward, Graph.LOSS, xs, ts, Map.of("w", up))[0]
                    - GraphInterpreter.output(forward, Graph.LOSS, xs, ts, Map.of("w", down))[0])
                    / 2e-6;
            assertEquals(numeric, analytic[k], 1e-7, "d loss / d w[" + k + "]");
        }
    }

    @Test
    void workedExampleGradientsMatchHandDerivedValues() {
        Graph g = Autodiff.differentiate(workedExample());
        GraphVerifier.verify(g);
        Map<String, double[]> p = Map.of("layer1.weight", new double[] {0.5, 1.5, 2.3, 3.0},
                "out.weight", new double[] {1.0, 1.0});
        double[][] v = GraphInterpreter.run(g, new double[] {1, 0.5}, new double[] {4}, p);
        assertEquals(0.55125, v[g.outputs().get(Graph.LOSS)][0], 1e-12);
        // delta2 = y − t = 1.05; dW2 = delta2 · a1 = 1.05 · (1.25, 3.8)
        double[] dW2 = v[g.outputs().get("grad:out.weight")];
        assertEquals(1.3125, dW2[0], 1e-12);
        assertEquals(3.99, dW2[1], 1e-12);
        // delta1 = W2ᵀ delta2 = (1.05, 1.05); dW1 = delta1 xᵀ
        double[] dW1 = v[g.outputs().get("grad:layer1.weight")];
        double[] expected = {1.05, 0.525, 1.05, 0.525};
        for (int k = 0; k < 4; k++) {
            assertEquals(expected[k], dW1[k], 1e-12);
        }
    }

    @Test
    void simplificationRemovesIdentityDerivativesAndTheUnitSeed() {
        Graph g = PassPipeline.standard(true).run(Autodiff.differentiate(workedExample()));
        for (var v : g.values()) {
            assertTrue(v.op().kind() != Op.Kind.ONES && v.op().kind() != Op.Kind.IDENTITY
                    && v.op().kind() != Op.Kind.CONSTANT, "left over: " + v);
        }
        // input gradient (Wᵀ delta for layer 1) is dead and removed
        long matTVecs = g.values().stream().filter(v -> v.op().kind() == Op.Kind.MATTVEC).count();
        assertEquals(1, matTVecs);
    }

    @Property(tries = 60)
    void gradientsEqualCentralDifferences(@ForAll @IntRange(min = 0, max = 100000) int seed) {
        Random rnd = new Random(seed);
        RandomNet net = RandomNet.draw(rnd);
        Graph forward = net.graph();
        Graph g = PassPipeline.standard(true).run(Autodiff.differentiate(forward));
        double[] x = randomVector(rnd, net.input());
        double[] t = net.target(rnd);
        Map<String, double[]> p = net.parameters(rnd);
        double[][] values = GraphInterpreter.run(g, x, t, p);
        for (Map.Entry<String, double[]> e : p.entrySet()) {
            double[] analytic = values[g.outputs().get(Graph.gradientOutput(e.getKey()))];
            double[] w = e.getValue();
            for (int k = 0; k < w.length; k++) {
                double keep = w[k];
                double h = 1e-6 * Math.max(1, Math.abs(keep));
                w[k] = keep + h;
                double up = GraphInterpreter.output(forward, Graph.LOSS, x, t, p)[0];
                w[k] = keep - h;
                double down = GraphInterpreter.output(forward, Graph.LOSS, x, t, p)[0];
                w[k] = keep;
                double numeric = (up - down) / (2 * h);
                double err = Math.abs(numeric - analytic[k])
                        / Math.max(1e-3, Math.abs(numeric) + Math.abs(analytic[k]));
                assertTrue(err < 1e-5, e.getKey() + "[" + k + "] analytic " + analytic[k]
                        + " numeric " + numeric + " in " + net);
            }
        }
    }

    @Property(tries = 60)
    void passesPreserveEveryOutput(@ForAll @IntRange(min = 0, max = 100000) int seed) {
        Random rnd = new Random(seed);
        RandomNet net = RandomNet.draw(rnd);
        Graph raw = Autodiff.differentiate(net.graph());
        Graph optimized = PassPipeline.standard(true).run(raw);
        double[] x = randomVector(rnd, net.input());
        double[] t = net.target(rnd);
        Map<String, double[]> p = net.parameters(rnd);
        double[][] before = GraphInterpreter.run(raw, x, t, p);
        double[][] after = GraphInterpreter.run(optimized, x, t, p);
        assertEquals(raw.outputs().keySet(), optimized.outputs().keySet());
        for (String name : raw.outputs().keySet()) {
            double[] a = before[raw.outputs().get(name)];
            double[] b = after[optimized.outputs().get(name)];
            for (int k = 0; k < a.length; k++) {
                assertEquals(Double.doubleToLongBits(a[k]), Double.doubleToLongBits(b[k]), name);
            }
        }
        assertTrue(optimized.values().size() < raw.values().size());
    }

    static double[] randomVector(Random rnd, int n) {
        double[] v = new double[n];
        for (int k = 0; k < n; k++) {
            v[k] = rnd.nextGaussian();
        }
        return v;
    }

    /** A random dense network straight in IR: every activation and loss. */
    record RandomNet(int input, List<Integer> units, List<Op.Kind> activations,
                     List<Boolean> bias, Op.Kind loss) {

        static RandomNet draw(Random rnd) {
            Op.Kind[] acts = {Op.Kind.IDENTITY, Op.Kind.SIGMOID, Op.Kind.TANH, Op.Kind.RELU};
            Op.Kind[] losses = {Op.Kind.SQUARED_ERROR, Op.Kind.MEAN_SQUARED_ERROR,
                Op.Kind.SOFTMAX_CROSS_ENTROPY};
            int layers = 1 + rnd.nextInt(3);
            List<Integer> units = new ArrayList<>();
            List<Op.Kind> activations = new ArrayList<>();
            List<Boolean> bias = new ArrayList<>();
            Op.Kind loss = losses[rnd.nextInt(losses.length)];
            for (int l = 0; l < layers; l++) {
                units.add(1 + rnd.nextInt(5));
                boolean last = l == layers - 1;
                activations.add(last && loss != Op.Kind.SOFTMAX_CROSS_ENTROPY && rnd.nextInt(4) == 0
                        ? Op.Kind.SOFTMAX : acts[rnd.nextInt(acts.length)]);
                bias.add(rnd.nextBoolean());
            }
            return new RandomNet(1 + rnd.nextInt(5), units, activations, bias, loss);
        }

        Graph graph() {
            GraphBuilder b = new GraphBuilder();
            int a = b.add(Op.input(input), "input");
            int t = b.add(Op.target(units.get(units.size() - 1)), "target");
            int fanIn = input;
            int z = -1;
            for (int l = 0; l < units.size(); l++) {
                int w = b.addLeaf(Op.parameter("l" + l + ".weight"), "l" + l + ".weight",
                        Shape.matrix(units.get(l), fanIn));
                z = b.add(Op.of(Op.Kind.MATVEC), "l" + l + ".z", w, a);
                if (bias.get(l)) {
                    int bb = b.addLeaf(Op.parameter("l" + l + ".bias"), "l" + l + ".bias",
                            Shape.vector(units.get(l)));
                    z = b.add(Op.of(Op.Kind.ADD), "l" + l + ".zb", z, bb);
                }
                boolean last = l == units.size() - 1;
                Op.Kind act = last && loss == Op.Kind.SOFTMAX_CROSS_ENTROPY ? Op.Kind.SOFTMAX
                        : activations.get(l);
                a = b.add(Op.of(act), "l" + l + ".a", z);
                fanIn = units.get(l);
            }
            b.output(Graph.OUTPUT, a);
            b.output(Graph.LOSS, b.add(Op.of(loss), "loss",
                    loss == Op.Kind.SOFTMAX_CROSS_ENTROPY ? z : a, t));
            return b.build();
        }

        double[] target(Random rnd) {
            int n = units.get(units.size() - 1);
            double[] t = new double[n];
            if (loss == Op.Kind.SOFTMAX_CROSS_ENTROPY) {
                t[rnd.nextInt(n)] = 1;
                return t;
            }
            return randomVector(rnd, n);
        }

        Map<String, double[]> parameters(Random rnd) {
            Map<String, double[]> p = new LinkedHashMap<>();
            int fanIn = input;
            for (int l = 0; l < units.size(); l++) {
                p.put("l" + l + ".weight", randomVector(rnd, units.get(l) * fanIn));
                if (bias.get(l)) {
                    p.put("l" + l + ".bias", randomVector(rnd, units.get(l)));
                }
                fanIn = units.get(l);
            }
            return p;
        }
    }
}
