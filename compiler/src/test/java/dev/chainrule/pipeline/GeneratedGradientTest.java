package dev.chainrule.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.codegen.Backend;
import dev.chainrule.runtime.Network;
import dev.chainrule.description.NetworkSpec;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/**
 * Gradients of the generated code on random architectures: against central differences of the
 * generated loss (double), against the double twin (float), and one step is w − η·∇w.
 */
class GeneratedGradientTest {

    @Property(tries = 40)
    void doubleGradientsEqualCentralDifferences(@ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        NetworkSpec spec = RandomSpecs.spec(seed, "double");
        Network net = RandomSpecs.network(spec, Backend.BYTECODE, seed);
        Random rnd = new Random(seed);
        // Non-zero biases: zero inputs and zero biases would sit exactly on relu's kink, where
        // central differences see half a slope.
        for (String p : net.parameterNames()) {
            if (p.endsWith(".bias")) {
                double[] b = net.getParameter(p);
                for (int k = 0; k < b.length; k++) {
                    b[k] = 0.1 + 0.2 * rnd.nextDouble();
                }
                net.setParameter(p, b);
            }
        }
        double[] x = RandomSpecs.inputs(rnd, 1, spec.inputSize())[0];
        double[] t = RandomSpecs.targets(rnd, 1, spec.outputSize(), net.classifier())[0];
        net.computeGradient(x, t);
        for (String p : net.parameterNames()) {
            double[] analytic = net.getGradient(p);
            double[] w = net.getParameter(p);
            for (int k = 0; k < w.length; k++) {
                double keep = w[k];
                double h = 1e-5 * Math.max(1, Math.abs(keep));
                w[k] = keep + h;
                net.setParameter(p, w);
                double up = net.loss(x, t);
                w[k] = keep - h;
                net.setParameter(p, w);
                double down = net.loss(x, t);
                w[k] = keep;
                net.setParameter(p, w);
                double numeric = (up - down) / (2 * h);
                // A difference quotient cannot resolve more than the rounding of the two losses
                // it divides (a few ulps of the loss, over 2h): allowed on top of 1e-5 relative.
                double rounding = 16 * Math.ulp(Math.max(Math.abs(up), Math.abs(down))) / h;
                double allowed = 1e-5 * Math.max(1e-3, Math.abs(numeric) + Math.abs(analytic[k]))
                        + rounding;
                assertTrue(Math.abs(numeric - analytic[k]) <= allowed, p + "[" + k
                        + "] analytic " + analytic[k] + " numeric " + numeric + "\n"
                        + RandomSpecs.yaml(seed, "double"));
            }
        }
    }

    @Property(tries = 30)
    void floatGradientsTrackTheDoubleTwin(@ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        NetworkSpec spec = RandomSpecs.spec(seed, "float");
        Network f = RandomSpecs.network(spec, Backend.BYTECODE, seed);
        Network d = RandomSpecs.network(RandomSpecs.spec(seed, "double"), Backend.BYTECODE, seed);
        for (String p : f.parameterNames()) {
            d.setParameter(p, f.getParameter(p)); // same (float-representable) starting point
        }
        Random rnd = new Random(seed);
        double[] x = RandomSpecs.inputs(rnd, 1, spec.inputSize())[0];
        double[] t = RandomSpecs.targets(rnd, 1, spec.outputSize(), f.classifier())[0];
        assertEquals(d.computeGradient(x, t), f.computeGradient(x, t),
                1e-4 * Math.max(1, Math.abs(d.loss(x, t))));
        for (String p : f.parameterNames()) {
            double[] gf = f.getGradient(p);
            double[] gd = d.getGradient(p);
            for (int k = 0; k < gf.length; k++) {
                assertEquals(gd[k], gf[k], 1e-3 * Math.max(1, Math.abs(gd[k])), p + "[" + k + "]");
            }
        }
    }

    @Property(tries = 30)
    void oneStepIsWeightMinusLearningRateTimesGradient(
            @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        NetworkSpec spec = RandomSpecs.spec(seed, "double");
        Network net = RandomSpecs.network(spec, Backend.SOURCE, seed);
        Random rnd = new Random(seed);
        double[][] xs = RandomSpecs.inputs(rnd, 1, spec.inputSize());
        double[][] ts = RandomSpecs.targets(rnd, 1, spec.outputSize(), net.classifier());
        net.computeGradient(xs[0], ts[0]);
        String[] names = net.parameterNames();
        double[][] before = new double[names.length][];
        double[][] grads = new double[names.length][];
        for (int p = 0; p < names.length; p++) {
            before[p] = net.getParameter(names[p]);
            grads[p] = net.getGradient(names[p]);
        }
        net.trainBatch(xs, ts, new int[] {0}, 0, 1, 0.03);
        for (int p = 0; p < names.length; p++) {
            double[] after = net.getParameter(names[p]);
            for (int k = 0; k < after.length; k++) {
                assertEquals(before[p][k] - 0.03 * grads[p][k], after[k], 0.0, names[p] + "[" + k + "]");
            }
        }
    }
}
