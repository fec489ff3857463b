package dev.chainrule.runtime;

/**
 * The array helpers of {@link ParallelTrainer} and {@link Replicas}: parameter and accumulator
 * rows are {@code float[]} or {@code double[]}, a weight an {@code Object[]} of rows.
 */
final class RowArrays {

    private RowArrays() {
    }

    /** Row {@code row} of a weight's rows, or the vector itself for {@code row < 0}. */
    static Object rowOf(Object array, int row) {
        return row < 0 ? array : ((Object[]) array)[row];
    }

    /** The rows of a weight's {@code Object[]}; -1 for a vector (which has no row marks). */
    static int rowCount(Object array) {
        return array instanceof Object[] ? ((Object[]) array).length : -1;
    }

    /** {@code target += source; source = 0}. */
    static void foldRow(Object target, Object source) {
        if (target instanceof float[]) {
            fold((float[]) target, (float[]) source);
        } else {
            fold((double[]) target, (double[]) source);
        }
    }

    /**
     * {@link #foldRow} for rows {@code [from, to)} of two weights' accumulators, skipping the
     * rows whose mark in {@code marks} (if not null) is 0 and clearing the others' marks. One
     * type test per call, not per row.
     */
    static void foldRows(Object target, Object source, int[] marks, int from, int to) {
        if (target instanceof float[][]) {
            float[][] t = (float[][]) target;
            float[][] s = (float[][]) source;
            for (int row = from; row < to; row++) {
                if (RowMarks.take(marks, row)) {
                    fold(t[row], s[row]);
                }
            }
        } else if (target instanceof double[][]) {
            double[][] t = (double[][]) target;
            double[][] s = (double[][]) source;
            for (int row = from; row < to; row++) {
                if (RowMarks.take(marks, row)) {
                    fold(t[row], s[row]);
                }
            }
        } else { // rows in a plain Object[] (hand-written networks)
            for (int row = from; row < to; row++) {
                if (RowMarks.take(marks, row)) {
                    foldRow(((Object[]) target)[row], ((Object[]) source)[row]);
                }
            }
        }
    }

    /** From index 0, so C2 vectorizes it. */
    private static void fold(float[] target, float[] source) {
        int n = target.length;
        if (source.length != n) {
            throw new IllegalStateException("replica rows differ in length");
        }
        for (int j = 0; j < n; j++) {
            target[j] += source[j];
            source[j] = 0f;
        }
    }

    private static void fold(double[] target, double[] source) {
        int n = target.length;
        if (source.length != n) {
            throw new IllegalStateException("replica rows differ in length");
        }
        for (int j = 0; j < n; j++) {
            target[j] += source[j];
            source[j] = 0.0;
        }
    }

    static void copyRow(Object source, Object target) {
        int length = source instanceof float[]
                ? ((float[]) source).length : ((double[]) source).length;
        System.arraycopy(source, 0, target, 0, length);
    }

    /** Copies every value of parameter arrays {@code source} into {@code target}. */
    static void copyAll(Object[] source, Object[] target) {
        for (int p = 0; p < source.length; p++) {
            if (source[p] instanceof Object[]) {
                Object[] sourceRows = (Object[]) source[p];
                Object[] targetRows = (Object[]) target[p];
                for (int row = 0; row < sourceRows.length; row++) {
                    copyRow(sourceRows[row], targetRows[row]);
                }
            } else {
                copyRow(source[p], target[p]);
            }
        }
    }

    /** A description of an array's shape and type, to compare two networks' storage. */
    static String shapeOf(Object array) {
        if (array instanceof float[]) {
            return "f" + ((float[]) array).length;
        }
        if (array instanceof double[]) {
            return "d" + ((double[]) array).length;
        }
        StringBuilder shape = new StringBuilder("[");
        for (Object row : (Object[]) array) {
            shape.append(shapeOf(row)).append(',');
        }
        return shape.append(']').toString();
    }

    /** The width of a weight's rows (0 without rows). */
    static int width(Object[] rows) {
        if (rows.length == 0) {
            return 0;
        }
        Object row = rows[0];
        return row instanceof float[] ? ((float[]) row).length : ((double[]) row).length;
    }
}
