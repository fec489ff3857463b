package dev.chainrule.cli;

import dev.chainrule.runtime.Network;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Compares a network's analytic gradient ({@link Network#computeGradient}) with central finite
 * differences of its loss, parameter by parameter: the numeric oracle for generated code.
 *
 * <pre>{@code
 * Network net = ...;                            // compiled in double precision
 * List<GradientCheck.Result> results = GradientCheck.check(net, xs, ts, 0);
 * boolean ok = results.stream().allMatch(r -> r.maxRelativeError() <= GradientCheck.TOLERANCE);
 * }</pre>
 *
 * <p>For each sample and each checked entry {@code w} of a parameter, the numeric derivative is
 * {@code n = (loss(w + h) - loss(w - h)) / (2h)} with {@code h = STEP * max(1, |w|)}, and the
 * error against the analytic {@code a} is {@code |a - n| / max(floor, |a| + |n|)}.
 *
 * <p>The floor is {@link #FLOOR}, raised for entries whose gradient is so small that
 * {@code n} is mostly rounding noise: a loss near 2.3 is only known to about 1e-15, so its
 * difference quotient over {@code 2h = 2e-6} only to about 5e-10, and an entry with gradient
 * 4e-6 would show a relative error of 1e-4 however right it is. So the floor is at least
 * {@code resolution / TOLERANCE}, with {@code resolution = RESOLUTION_ULPS * ulp(loss) / (2h)}:
 * an absolute disagreement within the finite differences' own resolution never fails, and
 * anything larger still does. Only a network in double precision gives meaningful results.
 */
final class GradientCheck {

    /** Relative step of the finite differences. */
    static final double STEP = 1e-6;
    /** Smallest denominator of the relative error, so exact zeros on both sides compare as 0. */
    static final double FLOOR = 1e-8;
    /** Largest relative error that passes. */
    static final double TOLERANCE = 1e-5;
    /** Rounding error of one loss evaluation assumed by the resolution, in ulps of the loss. */
    static final double RESOLUTION_ULPS = 16;

    /**
     * The worst disagreement found in one parameter tensor.
     *
     * @param entry row-major index of the worst entry, -1 if no entry was checked
     * @param sample index of the sample it was found on
     */
    record Result(String parameter, int[] shape, int checked, double maxRelativeError,
                  int entry, int sample, double analytic, double numeric) {

        boolean passed() {
            return maxRelativeError <= TOLERANCE;
        }
    }

    private GradientCheck() {
    }

    /**
     * Checks every parameter of {@code net} on the given samples. Parameters are restored
     * exactly afterwards.
     *
     * @param maxEntries at most this many entries per parameter tensor are checked, spread
     *     evenly over it; 0 checks them all
     */
    static List<Result> check(Network net, double[][] xs, double[][] ts, int maxEntries) {
        List<Result> results = new ArrayList<>();
        for (String name : net.parameterNames()) {
            results.add(checkParameter(net, name, xs, ts, maxEntries));
        }
        return results;
    }

    private static Result checkParameter(Network net, String name, double[][] xs, double[][] ts,
                                         int maxEntries) {
        double[] original = net.getParameter(name);
        int[] entries = entries(original.length, maxEntries);
        double[] w = original.clone();
        double worst = 0;
        int worstEntry = entries.length == 0 ? -1 : entries[0];
        int worstSample = 0;
        double worstAnalytic = 0;
        double worstNumeric = 0;
        try {
            for (int s = 0; s < xs.length; s++) {
                net.computeGradient(xs[s], ts[s]);
                double[] gradient = net.getGradient(name);
                for (int k : entries) {
                    double[] quotient = numericDerivative(net, name, w, k, xs[s], ts[s]);
                    double numeric = quotient[0];
                    double analytic = gradient[k];
                    double error = relativeError(analytic, numeric, quotient[1]);
                    if (error > worst || Double.isNaN(error) && !Double.isNaN(worst)) {
                        worst = error;
                        worstEntry = k;
                        worstSample = s;
                        worstAnalytic = analytic;
                        worstNumeric = numeric;
                    }
                }
            }
        } finally {
            net.setParameter(name, original);
        }
        return new Result(name, net.parameterShape(name), entries.length, worst, worstEntry,
                worstSample, worstAnalytic, worstNumeric);
    }

    /**
     * Central difference of the loss in entry {@code k}, and its resolution (see the class
     * comment); leaves {@code w[k]} as it found it.
     */
    private static double[] numericDerivative(Network net, String name, double[] w, int k,
                                            double[] x, double[] t) {
        double value = w[k];
        double h = STEP * Math.max(1, Math.abs(value));
        double up = value + h;
        double down = value - h;
        w[k] = up;
        net.setParameter(name, w);
        double lossUp = net.loss(x, t);
        w[k] = down;
        net.setParameter(name, w);
        double lossDown = net.loss(x, t);
        w[k] = value;
        net.setParameter(name, w);
        // Divide by the step actually taken: up - down is exact, 2h may not be.
        double step = up - down;
        double resolution = RESOLUTION_ULPS
                * Math.ulp(Math.max(Math.abs(lossUp), Math.abs(lossDown))) / step;
        return new double[] {(lossUp - lossDown) / step, resolution};
    }

    /**
     * {@code |a - n| / max(FLOOR, resolution / TOLERANCE, |a| + |n|)}: relative, except where
     * both are too small for {@code n} to be resolved.
     */
    static double relativeError(double analytic, double numeric, double resolution) {
        double floor = Math.max(FLOOR, resolution / TOLERANCE);
        return Math.abs(analytic - numeric)
                / Math.max(floor, Math.abs(analytic) + Math.abs(numeric));
    }

    /** All indices below {@code size}, or {@code max} of them spread evenly. */
    static int[] entries(int size, int max) {
        int count = max <= 0 ? size : Math.min(size, max);
        int[] entries = new int[count];
        for (int i = 0; i < count; i++) {
            entries[i] = (int) ((long) i * size / count);
        }
        return entries;
    }

    /**
     * Random samples of the network's shape from {@code seed}: inputs uniform in [0, 1), targets
     * one-hot for a classifier, else uniform in [0, 1).
     */
    static double[][][] randomSamples(int inputs, int outputs, boolean classifier, int count,
                                      long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] xs = new double[count][inputs];
        double[][] ts = new double[count][outputs];
        for (int s = 0; s < count; s++) {
            for (int i = 0; i < inputs; i++) {
                xs[s][i] = rng.nextDouble();
            }
            if (classifier) {
                ts[s][rng.nextInt(outputs)] = 1;
            } else {
                for (int o = 0; o < outputs; o++) {
                    ts[s][o] = rng.nextDouble();
                }
            }
        }
        return new double[][][] {xs, ts};
    }
}
