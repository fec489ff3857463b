package dev.chainrule.runtime;

/**
 * How one parameter is stored in a generated class: its name, shape, row order and initializer.
 * A generated class builds one per parameter in its static initializer and hands them to its
 * superclass's constructor, in the order of its {@code bind} arrays:
 * <pre>{@code
 * private static final ParameterLayout[] PARAMETERS = {
 *     ParameterLayout.inOut("layer1.weight", 128, 784, "he_uniform"),
 *     ParameterLayout.vector("layer1.bias", 128, "zeros"),
 *     ParameterLayout.tensor("conv1.weight", "glorot_uniform", 6, 1, 5, 5)};
 * }</pre>
 * The initializer is a spelling {@link Initializer} draws from, as a description writes it
 * ({@code he_uniform}, {@code normal(std=0.1)}). Immutable: classes share them.
 */
public final class ParameterLayout {

    final String name;
    final int out;
    /** Input width of a weight; 0 for a bias vector. */
    final int in;
    final String initializer;
    /** Stored {@code out_in} (else {@code in_out} or a vector): decided once, not per value. */
    private final boolean outIn;
    /** A scalar kept in an array of one: its shape is {@code {}}. */
    private final boolean scalar;
    /** The shape of a param of rank 3 or 4, kept in one flat row-major array; else null. */
    private final int[] flat;

    private ParameterLayout(String name, int out, int in, String storage, String initializer,
                            int[] flat) {
        this.name = name;
        this.out = out;
        this.in = in;
        this.flat = flat;
        this.initializer = initializer;
        this.outIn = storage.equals("out_in");
        this.scalar = storage.equals("scalar");
    }

    /** A weight [out][in] stored as rows of its outputs: {@code float[out][in]}. */
    public static ParameterLayout outIn(String name, int out, int in, String initializer) {
        return new ParameterLayout(name, positive(name, out), positive(name, in), "out_in",
                initializer, null);
    }

    /** A weight [out][in] stored transposed, as rows of its inputs: {@code float[in][out]}. */
    public static ParameterLayout inOut(String name, int out, int in, String initializer) {
        return new ParameterLayout(name, positive(name, out), positive(name, in), "in_out",
                initializer, null);
    }

    /** A vector of {@code size} values, such as a bias. */
    public static ParameterLayout vector(String name, int size, String initializer) {
        return new ParameterLayout(name, positive(name, size), 0, "vector", initializer, null);
    }

    /** A scalar, kept in an array of one. */
    public static ParameterLayout scalar(String name, String initializer) {
        return new ParameterLayout(name, 1, 0, "scalar", initializer, null);
    }

    /** A param of rank 3 or 4 ({@code [K, C, kh, kw]}), kept flat in row-major order. */
    public static ParameterLayout tensor(String name, String initializer, int... shape) {
        int size = 1;
        for (int d : shape) {
            size *= positive(name, d);
        }
        return new ParameterLayout(name, size, 0, "flat", initializer, shape.clone());
    }

    private static int positive(String name, int size) {
        if (size < 1) {
            throw new IllegalArgumentException(name + ": a dimension of " + size);
        }
        return size;
    }

    int[] shape() {
        if (scalar) {
            return new int[0];
        }
        if (flat != null) {
            return flat.clone();
        }
        return in == 0 ? new int[] {out} : new int[] {out, in};
    }

    int size() {
        return in == 0 ? out : out * in;
    }

    /** Row-major [out][in] copy of {@code array}. */
    double[] read(Object array) {
        double[] flat = new double[size()];
        if (in == 0) {
            for (int o = 0; o < out; o++) {
                flat[o] = get(array, o);
            }
            return flat;
        }
        Object[] rows = (Object[]) array;
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                flat[o * in + i] = outIn ? get(rows[o], i) : get(rows[i], o);
            }
        }
        return flat;
    }

    /** Writes row-major [out][in] {@code flat} into {@code array}, rounding to its precision. */
    void write(Object array, double[] flat) {
        if (flat.length != size()) {
            throw new IllegalArgumentException(name + " has " + size() + " values, got "
                    + flat.length);
        }
        if (in == 0) {
            for (int o = 0; o < out; o++) {
                set(array, o, flat[o]);
            }
            return;
        }
        Object[] rows = (Object[]) array;
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                if (outIn) {
                    set(rows[o], i, flat[o * in + i]);
                } else {
                    set(rows[i], o, flat[o * in + i]);
                }
            }
        }
    }

    private static double get(Object row, int index) {
        return row instanceof float[] ? ((float[]) row)[index] : ((double[]) row)[index];
    }

    private static void set(Object row, int index, double value) {
        if (row instanceof float[]) {
            ((float[]) row)[index] = (float) value;
        } else {
            ((double[]) row)[index] = value;
        }
    }
}
