package dev.chainrule.graph;

import java.util.Arrays;

/**
 * A value of the reference interpreter: a shape and its elements in double, row-major.
 * The interpreter is the oracle the generated code is tested against.
 */
public record Tensor(Shape shape, double[] data) {

    public Tensor {
        if (data.length != shape.size()) {
            throw new IllegalArgumentException(shape + " holds " + shape.size()
                    + " values, got " + data.length);
        }
    }

    public static Tensor scalar(double value) {
        return new Tensor(Shape.SCALAR, new double[] {value});
    }

    public static Tensor zeros(Shape shape) {
        return new Tensor(shape, new double[shape.size()]);
    }

    public static Tensor filled(Shape shape, double value) {
        double[] data = new double[shape.size()];
        Arrays.fill(data, value);
        return new Tensor(shape, data);
    }

    /** The single value of a scalar. */
    public double item() {
        if (!shape.isScalar()) {
            throw new IllegalStateException("not a scalar: " + shape);
        }
        return data[0];
    }

    /** {@code f} of every element, in a tensor of the same shape. */
    public Tensor map(java.util.function.DoubleUnaryOperator f) {
        double[] y = new double[data.length];
        for (int k = 0; k < y.length; k++) {
            y[k] = f.applyAsDouble(data[k]);
        }
        return new Tensor(shape, y);
    }

    /** Element {@code (i, j)} (a vector or flat value ignores {@code j}, a scalar both). */
    public double at(int i, int j) {
        return shape.isMatrix() ? data[i * shape.cols() + j] : shape.isScalar() ? data[0] : data[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && t.shape.equals(shape) && Arrays.equals(t.data, data);
    }

    @Override
    public int hashCode() {
        return shape.hashCode() * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return shape + Arrays.toString(data);
    }
}
