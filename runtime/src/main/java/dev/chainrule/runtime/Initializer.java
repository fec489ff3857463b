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
 * {@link Network#parameterNames()} order, values in row-major {@code [out][in]} order. Uniform
 * schemes draw each value as {@code (2 * rng.nextDouble() - 1) * limit}; normal schemes as
 * {@code std * z} with {@code z} from Box–Muller on two draws,
 * {@code z = sqrt(-2 ln(1 - u1)) * cos(2π u2)} ({@link StrictMath}, so every JVM agrees). The
 * formulas are {@code torch.nn.init}'s:
 * <ul>
 *   <li>{@code zeros}: every value 0, and nothing is drawn</li>
 *   <li>{@code glorot_uniform}: {@code limit = sqrt(6 / (fanIn + fanOut))}</li>
 *   <li>{@code glorot_normal}: {@code std = sqrt(2 / (fanIn + fanOut))}</li>
 *   <li>{@code he_uniform}: {@code limit = sqrt(6 / fanIn)}</li>
 *   <li>{@code he_normal}: {@code std = sqrt(2 / fanIn)}</li>
 *   <li>{@code normal(std=s)}: {@code std = s} ({@code normal} alone: 1)</li>
 *   <li>{@code uniform(a=a)}: {@code limit = a} ({@code uniform} alone: 1)</li>
 * </ul>
 * A weight {@code [out][in]} has {@code fanIn = in}, {@code fanOut = out} (PyTorch's
 * {@code Linear}); a vector {@code [n]} has {@code fanIn = fanOut = n} (as in Keras); a scalar
 * has {@code fanIn = fanOut = 1}. The storage layout does not change the draws: values always go
 * through {@link Network#setParameter} in {@code [out][in]} order.
 */
public final class Initializer {

    private Initializer() {
    }

    /** Sets every parameter of {@code net} from its initializer, drawing from {@code seed}. */
    public static void initialize(Network net, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        for (String name : net.parameterNames()) {
            int[] shape = net.parameterShape(name);
            int size = 1;
            for (int dim : shape) {
                size *= dim;
            }
            double[] values = new double[size];
            draw(net.initializer(name), shape, name, rng, values);
            net.setParameter(name, values);
        }
    }

    /** Fills {@code values} as {@code initializer} says, for a parameter of {@code shape}. */
    static void draw(String initializer, int[] shape, String parameter, SplittableRandom rng,
                     double[] values) {
        // PyTorch's fans: a filter bank [K, C, kh, kw] has fan_in C·kh·kw and fan_out K·kh·kw
        int receptive = 1;
        for (int k = 2; k < shape.length; k++) {
            receptive *= shape[k];
        }
        int fanOut = shape.length == 0 ? 1 : shape[0] * receptive;
        int fanIn = shape.length == 0 ? 1 : shape.length == 1 ? shape[0] : shape[1] * receptive;
        int open = initializer.indexOf('(');
        String name = open < 0 ? initializer : initializer.substring(0, open);
        double setting = open < 0 ? 1.0 : setting(initializer, open, parameter);
        switch (name) {
            case "zeros":
                return;
            case "glorot_uniform":
                uniform(rng, values, Math.sqrt(6.0 / (fanIn + fanOut)));
                return;
            case "he_uniform":
                uniform(rng, values, Math.sqrt(6.0 / fanIn));
                return;
            case "uniform":
                uniform(rng, values, setting);
                return;
            case "glorot_normal":
                normal(rng, values, Math.sqrt(2.0 / (fanIn + fanOut)));
                return;
            case "he_normal":
                normal(rng, values, Math.sqrt(2.0 / fanIn));
                return;
            case "normal":
                normal(rng, values, setting);
                return;
            default:
                throw new IllegalArgumentException("unknown initializer '" + initializer
                        + "' for " + parameter + " (expected zeros, glorot_uniform, glorot_normal,"
                        + " he_uniform, he_normal, normal(std=S) or uniform(a=A))");
        }
    }

    /** The {@code x} of {@code name(key=x)}. */
    private static double setting(String initializer, int open, String parameter) {
        int equals = initializer.indexOf('=', open);
        if (equals < 0 || !initializer.endsWith(")")) {
            throw new IllegalArgumentException("bad initializer '" + initializer + "' for "
                    + parameter + " (expected for example normal(std=0.02))");
        }
        double value = Double.parseDouble(initializer.substring(equals + 1,
                initializer.length() - 1));
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("bad initializer '" + initializer + "' for "
                    + parameter + ": its setting must be finite and > 0");
        }
        return value;
    }

    private static void uniform(SplittableRandom rng, double[] values, double limit) {
        for (int k = 0; k < values.length; k++) {
            values[k] = (2 * rng.nextDouble() - 1) * limit;
        }
    }

    private static void normal(SplittableRandom rng, double[] values, double std) {
        for (int k = 0; k < values.length; k++) {
            double u1 = rng.nextDouble();
            double u2 = rng.nextDouble();
            values[k] = std * StrictMath.sqrt(-2 * StrictMath.log(1 - u1))
                    * StrictMath.cos(2 * Math.PI * u2);
        }
    }
}
