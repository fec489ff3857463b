package dev.chainrule.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Each optimizer, with clipping and a schedule, against {@link ReferenceOptimizer} (PyTorch 1.13's
 * update rules transcribed independently) bit for bit in double precision, and against numbers
 * worked out by hand.
 */
class OptimizerTest {

    static final List<Optimizer> OPTIMIZERS = java.util.Arrays.asList(
            Optimizer.sgd(),
            Optimizer.sgd().withWeightDecay(0.1),
            Optimizer.sgd().withMomentum(0.9),
            Optimizer.sgd().withMomentum(0.8).withDampening(0.3).withWeightDecay(0.01),
            Optimizer.sgd().withMomentum(0.9).withNesterov(true).withWeightDecay(1e-3),
            Optimizer.adam(),
            Optimizer.adam().withWeightDecay(0.05).withBetas(0.8, 0.99).withEps(1e-6),
            Optimizer.adam().withAmsgrad(true),
            Optimizer.adamw(),
            Optimizer.adamw().withWeightDecay(0.2).withAmsgrad(true));

    /** {@code n} rows of a noisy linear map from 3 inputs to 2 outputs. */
    static Dataset data(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] xs = new double[n][3];
        double[][] ts = new double[n][2];
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < 3; i++) {
                xs[k][i] = rng.nextDouble() * 2 - 1;
            }
            ts[k][0] = 2 * xs[k][0] - xs[k][1] + 0.5 + 0.1 * rng.nextDouble();
            ts[k][1] = -xs[k][2] + 3 * xs[k][0] * xs[k][1];
        }
        return new Dataset("data", 3, 2, xs, ts);
    }

    static TinyNet net(String layout) {
        TinyNet net = new TinyNet(3, 2, layout, true, false, "glorot_uniform");
        Initializer.initialize(net, 3);
        net.setParameter("fc.bias", new double[] {0.25, -0.5});
        return net;
    }

    @Test
    void everyOptimizerMatchesTheReferenceBitForBit() {
        Dataset data = data(23, 1);
        for (Optimizer optimizer : OPTIMIZERS) {
            for (int batch : new int[] {1, 4, 16}) {
                for (String layout : new String[] {"out_in", "in_out"}) {
                    for (double clip : new double[] {0, 0.5}) {
                        TinyNet net = net(layout);
                        ReferenceOptimizer reference = new ReferenceOptimizer(3, 2,
                                net.getParameter("fc.weight"), net.getParameter("fc.bias"),
                                optimizer, clip);
                        Training.builder().epochs(4).batchSize(batch).learningRate(0.05)
                                .shuffle(false).optimizer(optimizer).gradientClip(clip)
                                .schedule(Schedule.step(2, 0.5)).threads(1).build()
                                .run(net, data, null, null);
                        // StepLR(step_size=2, gamma=0.5) from 0.05, by hand: epochs 1-2 at
                        // 0.05, epochs 3-4 at 0.025.
                        double[] rates = {0.05, 0.05, 0.025, 0.025};
                        for (double rate : rates) {
                            for (int from = 0; from < data.size(); from += batch) {
                                reference.step(data.inputs(), data.targets(), from,
                                        Math.min(batch, data.size() - from), rate);
                            }
                        }
                        String what = optimizer + " batch " + batch + " " + layout + " clip "
                                + clip;
                        // The clipping norm sums squares in storage order: row-major for
                        // out_in, like the reference, column-major for in_out.
                        // Plain SGD without clipping is the generated class's own step,
                        // θ − (γ/B)·Σg: γ·mean(g) up to a rounding when B > 1.
                        double tolerance = clip > 0 && layout.equals("in_out")
                                || clip == 0 && optimizer.plainSgd() && batch > 1 ? 1e-14 : 0;
                        assertArrayEquals(reference.weight(), net.getParameter("fc.weight"),
                                tolerance, what);
                        assertArrayEquals(reference.bias(), net.getParameter("fc.bias"),
                                tolerance, what);
                    }
                }
            }
        }
    }

    @Test
    void chunkedBatchesAgreeWithTheReferenceAndAcrossThreadCounts() {
        Dataset data = data(100, 2);
        for (Optimizer optimizer : OPTIMIZERS) {
            List<double[]> results = new ArrayList<>();
            for (int threads : new int[] {1, 2, 3}) {
                TinyNet net = net("in_out");
                Training.builder().epochs(3).batchSize(40).learningRate(0.02).seed(5)
                        .optimizer(optimizer).gradientClip(2.0).threads(threads).build()
                        .run(net, data, null, null);
                results.add(net.getParameter("fc.weight"));
                results.add(net.getParameter("fc.bias"));
            }
            for (int k = 2; k < results.size(); k++) {
                assertArrayEquals(results.get(k % 2), results.get(k), optimizer.toString());
            }
            // A 40-sample batch sums three chunks (16 + 16 + 8): the same gradient up to
            // rounding as the reference's one sum, so the weights agree closely.
            TinyNet net = net("out_in");
            ReferenceOptimizer reference = new ReferenceOptimizer(3, 2,
                    net.getParameter("fc.weight"), net.getParameter("fc.bias"), optimizer, 2.0);
            Training.builder().epochs(3).batchSize(40).learningRate(0.02).shuffle(false)
                    .optimizer(optimizer).gradientClip(2.0).threads(2).build()
                    .run(net, data, null, null);
            for (int epoch = 0; epoch < 3; epoch++) {
                for (int from = 0; from < 100; from += 40) {
                    reference.step(data.inputs(), data.targets(), from,
                            Math.min(40, 100 - from), 0.02);
                }
            }
            assertArrayEquals(reference.weight(), net.getParameter("fc.weight"), 1e-12);
            assertArrayEquals(reference.bias(), net.getParameter("fc.bias"), 1e-12);
        }
    }

    /** One sample {@code x = (1, 2, 0)}, {@code t = (0, 0)} and hand-picked weights. */
    private static double[] oneStep(Optimizer optimizer, double lr, int steps, double clip) {
        TinyNet net = new TinyNet(3, 2, "out_in", true, false, "zeros");
        net.setParameter("fc.weight", new double[] {0.5, -0.5, 0, 0, 0, 0});
        net.setParameter("fc.bias", new double[] {0.1, 0});
        Dataset one = new Dataset("one", 3, 2, new double[][] {{1, 2, 0}},
                new double[][] {{0, 0}});
        Training.builder().epochs(steps).batchSize(1).learningRate(lr).shuffle(false)
                .optimizer(optimizer).gradientClip(clip).build().run(net, one, null, null);
        double[] w = net.getParameter("fc.weight");
        double[] b = net.getParameter("fc.bias");
        return new double[] {w[0], w[1], b[0]};
    }

    @Test
    void handWorkedSteps() {
        // y0 = 0.5·1 − 0.5·2 + 0.1 = −0.4, so g(w00) = −0.4, g(w01) = −0.8, g(b0) = −0.4.
        // Plain SGD, lr 0.1: 0.5 + 0.04, −0.5 + 0.08, 0.1 + 0.04.
        assertArrayEquals(new double[] {0.54, -0.42, 0.14}, oneStep(Optimizer.sgd(), 0.1, 1, 0),
                1e-15);
        // Weight decay 0.5 adds 0.5θ: g(w00) = −0.4 + 0.25 = −0.15 → 0.5 + 0.015 = 0.515;
        // g(w01) = −0.8 − 0.25 = −1.05 → −0.395; g(b0) = −0.4 + 0.05 = −0.35 → 0.135.
        assertArrayEquals(new double[] {0.515, -0.395, 0.135},
                oneStep(Optimizer.sgd().withWeightDecay(0.5), 0.1, 1, 0), 1e-15);
        // Adam's first step moves every parameter by lr against its gradient's sign:
        // m̂ = g, v̂ = g², so the step is lr·g/(|g| + eps) = ±lr (to within eps/|g|).
        assertArrayEquals(new double[] {0.6, -0.4, 0.2}, oneStep(Optimizer.adam(), 0.1, 1, 0),
                1e-7);
        // AdamW with weight decay 0.5 first shrinks θ by (1 − 0.1·0.5) = 0.95:
        // 0.475 + 0.1, −0.475 + 0.1, 0.095 + 0.1.
        assertArrayEquals(new double[] {0.575, -0.375, 0.195},
                oneStep(Optimizer.adamw().withWeightDecay(0.5), 0.1, 1, 0), 1e-7);
        // Momentum 0.9, two steps on the one sample, lr 0.1 (w01 alone):
        // step 1: b = g = −0.8, w01 = −0.5 + 0.08 = −0.42.
        // step 2: y0 = 0.54 − 0.84 + 0.14 = −0.16, g = −0.32; b = 0.9·(−0.8) − 0.32 = −1.04;
        // w01 = −0.42 + 0.104 = −0.316.
        assertEquals(-0.316, oneStep(Optimizer.sgd().withMomentum(0.9), 0.1, 2, 0)[1], 1e-15);
        // Nesterov: step 1 g + 0.9·b = −0.8 − 0.72 = −1.52 → w01 = −0.5 + 0.152 = −0.348.
        assertEquals(-0.348, oneStep(Optimizer.sgd().withMomentum(0.9).withNesterov(true),
                0.1, 1, 0)[1], 1e-15);
    }

    @Test
    void clippingByHand() {
        // g = (−0.4, −0.8, 0, 0, 0, 0 | −0.4, 0): total norm √(0.16 + 0.64 + 0.16) = √0.96.
        // max_norm 0.5: every g times 0.5 / (√0.96 + 1e−6); SGD lr 1.
        double c = 0.5 / (Math.sqrt(0.96) + 1e-6);
        double[] clipped = oneStep(Optimizer.sgd(), 1, 1, 0.5);
        assertArrayEquals(new double[] {0.5 + 0.4 * c, -0.5 + 0.8 * c, 0.1 + 0.4 * c}, clipped,
                1e-15);
        // max_norm 10 is above the norm: nothing changes (lr 1: 0.9, 0.3, 0.5).
        assertArrayEquals(new double[] {0.9, 0.3, 0.5}, oneStep(Optimizer.sgd(), 1, 1, 10),
                1e-15);
    }

    @Test
    void floatNetworksStepInFloatAndStayDeterministic() {
        Dataset data = data(50, 4);
        for (Optimizer optimizer : OPTIMIZERS) {
            double[][] runs = new double[2][];
            for (int threads = 1; threads <= 2; threads++) {
                TinyNet net = new TinyNet(3, 2, "in_out", false, false, "glorot_uniform");
                Initializer.initialize(net, 9);
                Training.builder().epochs(2).batchSize(20).learningRate(0.01).seed(1)
                        .optimizer(optimizer).threads(threads).build().run(net, data, null, null);
                runs[threads - 1] = net.getParameter("fc.weight");
            }
            assertArrayEquals(runs[0], runs[1], optimizer.toString());
        }
    }

    @Test
    void rejectsBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> Optimizer.sgd().withNesterov(true));
        assertThrows(IllegalArgumentException.class,
                () -> Optimizer.sgd().withMomentum(0.9).withDampening(0.1).withNesterov(true));
        assertThrows(IllegalArgumentException.class, () -> Optimizer.adam().withBetas(0.9, 1));
        assertThrows(IllegalArgumentException.class, () -> Optimizer.adam().withBetas(-0.1, 0.9));
        assertThrows(IllegalArgumentException.class, () -> Optimizer.sgd().withWeightDecay(-1));
        assertThrows(IllegalArgumentException.class, () -> Optimizer.sgd().withEps(1e-8));
        assertThrows(IllegalArgumentException.class, () -> Optimizer.adam().withMomentum(0.9));
        assertEquals("adamw(betas=(0.9, 0.999), eps=1.0E-8, weight_decay=0.01, amsgrad=false)",
                Optimizer.adamw().toString());
    }

    /**
     * Numbers from PyTorch 1.13.1 itself (Debian's python3-torch, float64): W = [[0.5, −0.5, 0],
     * [0, 0, 0]], b = [0.1, 0], samples x = (1, 2, 0) → t = (0, 0) and x = (0.5, −1, 0.25) →
     * t = (1, −1), loss mean over the batch of ½Σ(y − t)², five steps at lr 0.1 of
     * {@code torch.optim.SGD/Adam/AdamW(...)} (with {@code clip_grad_norm_(0.5)} in the last
     * case). The script: {@code for s in range(5): opt.zero_grad(); loss.backward(); [clip;]
     * opt.step()}; printed with {@code repr}: W[0,0], W[0,1], W[1,2], b[0], b[1].
     */
    @Test
    void matchesPyTorch() {
        checkPyTorch(Optimizer.sgd(), 0, 0.5732924463084936, -0.4195278735053539,
                -0.04968257520794868, 0.18982063783907893, -0.20684739567279814);
        checkPyTorch(Optimizer.sgd().withMomentum(0.9).withDampening(0.1).withWeightDecay(0.01),
                0, 0.6555031257620625, -0.3328663279333631, -0.11757713778340809,
                0.3009360042666051, -0.49411526088022545);
        checkPyTorch(Optimizer.sgd().withMomentum(0.9).withNesterov(true).withWeightDecay(0.001),
                0, 0.6424711531168384, -0.4000203267625436, -0.12949450647747246,
                0.2900155813920403, -0.5575054849092449);
        checkPyTorch(Optimizer.adam(), 0, 0.6397806479142469, -0.4265592453494166,
                -0.44502619526313797, 0.2615807490078064, -0.44502623087471693);
        checkPyTorch(Optimizer.adam().withWeightDecay(0.05).withBetas(0.8, 0.99).withEps(1e-6),
                0, 0.5632145637243623, -0.42082652934986453, -0.40567769694367095,
                0.2388066900940895, -0.42409691816585465);
        checkPyTorch(Optimizer.adam().withAmsgrad(true), 0, 0.6397811513919929,
                -0.4265598232763856, -0.4450113376423323, 0.26158170924145857,
                -0.4450113732426685);
        checkPyTorch(Optimizer.adamw(), 0, 0.6370913075944477, -0.42534315744674894,
                -0.4441930609165653, 0.2613044606287876, -0.444193096469072);
        checkPyTorch(Optimizer.adamw().withWeightDecay(0.2).withAmsgrad(true), 0,
                0.5882568479370067, -0.4029938093125575, -0.42862407537530656,
                0.25706572124049015, -0.4286241098127533);
        checkPyTorch(Optimizer.sgd().withMomentum(0.5), 0.5, 0.5882944806994013,
                -0.40141403380255036, -0.058931761224792885, 0.20779522949973964,
                -0.2448331470636735);
    }

    private static void checkPyTorch(Optimizer optimizer, double clip, double... expected) {
        TinyNet net = new TinyNet(3, 2, "out_in", true, false, "zeros");
        net.setParameter("fc.weight", new double[] {0.5, -0.5, 0, 0, 0, 0});
        net.setParameter("fc.bias", new double[] {0.1, 0});
        Dataset two = new Dataset("two", 3, 2, new double[][] {{1, 2, 0}, {0.5, -1, 0.25}},
                new double[][] {{0, 0}, {1, -1}});
        Training.builder().epochs(5).batchSize(2).learningRate(0.1).shuffle(false)
                .optimizer(optimizer).gradientClip(clip).build().run(net, two, null, null);
        double[] w = net.getParameter("fc.weight");
        double[] b = net.getParameter("fc.bias");
        assertArrayEquals(expected, new double[] {w[0], w[1], w[5], b[0], b[1]}, 1e-15,
                optimizer.toString());
    }

    /**
     * Rows whose gradient has always been zero (an input that is always 0, in {@code in_out}
     * storage one weight row) are skipped by momentum and Adam: still bit for bit the
     * reference, which steps every row.
     */
    @Test
    void skippingIdleRowsChangesNothing() {
        Dataset data = data(30, 9);
        for (double[] x : data.inputs()) {
            x[1] = 0;
        }
        for (Optimizer optimizer : OPTIMIZERS) {
            TinyNet net = net("in_out");
            ReferenceOptimizer reference = new ReferenceOptimizer(3, 2,
                    net.getParameter("fc.weight"), net.getParameter("fc.bias"), optimizer, 0);
            Training.builder().epochs(3).batchSize(4).learningRate(0.05).shuffle(false)
                    .optimizer(optimizer).build().run(net, data, null, null);
            for (int epoch = 0; epoch < 3; epoch++) {
                for (int from = 0; from < 30; from += 4) {
                    reference.step(data.inputs(), data.targets(), from, Math.min(4, 30 - from),
                            0.05);
                }
            }
            double tolerance = optimizer.plainSgd() ? 1e-14 : 0;
            assertArrayEquals(reference.weight(), net.getParameter("fc.weight"), tolerance,
                    optimizer.toString());
            assertArrayEquals(reference.bias(), net.getParameter("fc.bias"), tolerance,
                    optimizer.toString());
        }
    }
}
