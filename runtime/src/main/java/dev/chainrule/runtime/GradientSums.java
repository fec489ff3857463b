package dev.chainrule.runtime;

/**
 * The summed gradient of a batch, without a step: what a data-parallel trainer (such as
 * {@code chainrule-spark}'s synchronous mode) adds up across machines before it applies one
 * update.
 *
 * <pre>{@code
 * double lossSum = GradientSums.accumulate(net, xs, ts, order, 0, count);
 * double[][] sum = GradientSums.read(net);   // per parameter, row-major [out][in]
 * }</pre>
 *
 * <p>For a {@link GeneratedNetwork} the samples' gradients are added, in order, into the
 * generated accumulators (the sum {@link Network#trainBatch} would step with); parameters never
 * change. Other networks go through {@link Network#computeGradient} sample by sample.
 */
public final class GradientSums {

    private GradientSums() {
    }

    /**
     * Adds the gradients of samples {@code order[from] .. order[from + count - 1]} into the
     * network's accumulators, which start at zero, and returns the sum of their losses. A
     * {@code count} of 0 leaves a zero sum.
     *
     * @throws IllegalArgumentException if a row has the wrong width (before anything changes)
     */
    public static double accumulate(Network net, double[][] xs, double[][] ts, int[] order,
                                    int from, int count) {
        if (net instanceof GeneratedNetwork) {
            GeneratedNetwork generated = (GeneratedNetwork) net;
            if (count == 0) {
                generated.accumulate(xs, ts, order, from, 0);
                return 0;
            }
            generated.checkBatch(xs, ts, order, from, count);
            return generated.accumulate(xs, ts, order, from, count);
        }
        throw new IllegalArgumentException(net.name() + ": summed gradients need a generated"
                + " network, got " + net.getClass().getName());
    }

    /**
     * A copy of the gradient sum left by {@link #accumulate}: one row-major array per
     * parameter, in {@link Network#parameterNames()} order.
     */
    public static double[][] read(Network net) {
        String[] names = net.parameterNames();
        double[][] sums = new double[names.length][];
        for (int p = 0; p < names.length; p++) {
            sums[p] = net.getGradient(names[p]);
        }
        return sums;
    }
}
