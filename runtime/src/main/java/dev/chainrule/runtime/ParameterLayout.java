package dev.chainrule.runtime;

/** How one parameter is stored in a generated class: shape, row order and initializer. */
final class ParameterLayout {

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

    static ParameterLayout[] parseAll(String spec) {
        if (spec.isEmpty()) { // a graph without params
            return new ParameterLayout[0];
        }
        String[] entries = spec.split(";");
        ParameterLayout[] layouts = new ParameterLayout[entries.length];
        for (int p = 0; p < entries.length; p++) {
            layouts[p] = parse(entries[p].trim());
        }
        return layouts;
    }

    private static ParameterLayout parse(String entry) {
        String[] parts = entry.split(" ");
        if (parts.length != 4) {
            throw new IllegalArgumentException("bad parameter spec entry '" + entry + "'");
        }
        String[] dims = parts[1].split("x");
        String storage = parts[2];
        if (storage.equals("flat")) {
            int[] shape = new int[dims.length];
            int size = 1;
            for (int k = 0; k < dims.length; k++) {
                shape[k] = Integer.parseInt(dims[k]);
                size *= shape[k];
            }
            return new ParameterLayout(parts[0], size, 0, storage, parts[3], shape);
        }
        int out = Integer.parseInt(dims[0]);
        int in = dims.length > 1 ? Integer.parseInt(dims[1]) : 0;
        if (!storage.equals("out_in") && !storage.equals("in_out") && !storage.equals("vector")
                && !storage.equals("scalar")) {
            throw new IllegalArgumentException("bad storage '" + storage + "' in '" + entry + "'");
        }
        if ((storage.equals("vector") || storage.equals("scalar")) != (in == 0)
                || storage.equals("scalar") && out != 1) {
            throw new IllegalArgumentException("storage does not match shape in '" + entry + "'");
        }
        return new ParameterLayout(parts[0], out, in, storage, parts[3], null);
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
