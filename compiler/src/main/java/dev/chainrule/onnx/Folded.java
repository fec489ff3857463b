package dev.chainrule.onnx;

import java.util.Arrays;

/**
 * A value the importer knows before any sample arrives: an initializer, a {@code Constant}, or
 * a shape computation folded from them. Its dimensions are ONNX's, batch included; integers
 * (shapes, axes) are held as doubles, which is exact for every size a model can have.
 *
 * @param dims ONNX dimensions
 * @param data row-major values
 * @param integer whether the element type is an integer one (an int64 shape, say)
 * @param initializer the initializer's ONNX name, or {@code null} for a computed value
 */
record Folded(long[] dims, double[] data, boolean integer, String initializer)
        implements Value {

    static Folded ints(long... values) {
        double[] data = new double[values.length];
        for (int k = 0; k < values.length; k++) {
            data[k] = values[k];
        }
        return new Folded(new long[] {values.length}, data, true, null);
    }

    static Folded scalar(double value, boolean integer) {
        return new Folded(new long[0], new double[] {value}, integer, null);
    }

    int rank() {
        return dims.length;
    }

    long[] longs() {
        long[] out = new long[data.length];
        for (int k = 0; k < data.length; k++) {
            out[k] = (long) data[k];
        }
        return out;
    }

    Folded computed(long[] newDims, double[] newData) {
        return new Folded(newDims, newData, integer, null);
    }

    @Override
    public String toString() {
        return Arrays.toString(dims) + Arrays.toString(data);
    }
}
