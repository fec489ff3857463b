package dev.chainrule.description;

import java.util.Arrays;
import java.util.Objects;

/**
 * Explicit initial values of one parameter, from the description's {@code init} section.
 *
 * <p>Values are row-major: for a weight of shape {@code [out][in]}, value {@code (o, i)} is at
 * {@code o * in + i}. Arrays are copied in and out, so instances are immutable; equality
 * compares contents.
 *
 * @param shape the declared shape, equal to the parameter's {@link ParameterSpec#shape()}
 * @param values the values, row-major, {@code product(shape)} of them, all finite
 */
public record InitialValues(int[] shape, double[] values) {

    public InitialValues {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(values, "values");
        shape = shape.clone();
        values = values.clone();
        long size = 1;
        for (int dimension : shape) {
            size *= dimension;
        }
        if (size != values.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs "
                    + size + " values, got " + values.length);
        }
    }

    /** A fresh copy of the shape. */
    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** A fresh copy of the values, row-major. */
    @Override
    public double[] values() {
        return values.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof InitialValues that
                && Arrays.equals(shape, that.shape)
                && Arrays.equals(values, that.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "InitialValues" + Arrays.toString(shape) + Arrays.toString(values);
    }
}
