package dev.chainrule.runtime;

import java.util.SplittableRandom;

/**
 * Draws a network's starting parameters from the initializer each one names
 * ({@link Network#initializer}), reproducibly from one seed.
 *
 * <pre>{@code
 * Network net = new Iris();
 * Initializer.initialize(net, 42);   // same seed, same network: the same values, bit for bit
 * }</pre>
 *
 * <p>The draw order is part of the contract, so a seed means the same thing in every version and
 * on every JVM: one {@code new SplittableRandom(seed)}, parameters in
 * {@link Network#parameterNames()} order, values in row-major {@code [out][in]} order, each
 * {@code (2 * rng.nextDouble() - 1) * limit} with
 * <ul>
 *   <li>{@code glorot_uniform}: {@code limit = sqrt(6 / (fanIn + fanOut))}</li>
 *   <li>{@code he_uniform}: {@code limit = sqrt(6 / fanIn)}</li>
 *   <li>{@code zeros}: every value 0, and nothing is drawn</li>
 * </ul>
 * A weight {@code [out][in]} has {@code fanIn = in}, {@code fanOut = out}; a vector {@code [n]}
 * has {@code fanIn = fanOut = n} (as in Keras). The storage layout does not change the draws:
 * values always go through {@link Network#setParameter} in {@code [out][in]} order.
 */
public final class Initializer {

    private Initializer() {
    }

    /** Sets every parameter of {@code net} from its initializer, drawing from {@code seed}. */
    public static void initialize(Network net, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        for (String name : net.parameterNames()) {
            int[] shape = net.parameterShape(name);
            double[] values = new double[shape.length == 0 ? 1
                    : shape.length == 1 ? shape[0] : shape[0] * shape[1]];
            double limit = limit(net.initializer(name), shape, name);
            if (limit > 0) {
                for (int k = 0; k < values.length; k++) {
                    values[k] = (2 * rng.nextDouble() - 1) * limit;
                }
            }
            net.setParameter(name, values);
        }
    }

    /** Half-width of the uniform range, 0 for {@code zeros}. */
    static double limit(String initializer, int[] shape, String parameter) {
        int fanOut = shape.length == 0 ? 1 : shape[0];
        int fanIn = shape.length == 0 ? 1 : shape.length == 1 ? shape[0] : shape[1];
        if (initializer.equals("glorot_uniform")) {
            return Math.sqrt(6.0 / (fanIn + fanOut));
        }
        if (initializer.equals("he_uniform")) {
            return Math.sqrt(6.0 / fanIn);
        }
        if (initializer.equals("zeros")) {
            return 0;
        }
        throw new IllegalArgumentException("unknown initializer '" + initializer + "' for "
                + parameter + " (expected glorot_uniform, he_uniform or zeros)");
    }
}
