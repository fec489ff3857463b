package dev.chainrule.runtime;

/**
 * Row marks: per weight, one {@code int} per accumulator row, which the generated code sets to
 * nonzero before it adds anything into the row ({@link GeneratedNetwork#bind(Object[], Object[],
 * Object[])}). A row whose mark is 0 is all +0. {@link ParallelTrainer} folds only a replica's
 * marked rows into the sum (clearing their marks): adding +0 to a sum that starts from +0, so is
 * never -0, changes no bit, and on sparse inputs (MNIST's 19% nonzero pixels) a 16-sample chunk
 * writes about half of the first layer's rows.
 */
final class RowMarks {

    private RowMarks() {
    }

    /** The marks bound for each parameter (null for none), checked against its rows. */
    static int[][] of(ParameterLayout[] layouts, Object[] gradients, Object[] marks) {
        int[][] out = new int[gradients.length][];
        for (int p = 0; p < marks.length && p < out.length; p++) {
            int[] m = (int[]) marks[p];
            if (m != null && m.length != RowArrays.rowCount(gradients[p])) {
                throw new IllegalArgumentException(layouts[p].name + ": " + m.length
                        + " row marks for " + RowArrays.rowCount(gradients[p]) + " rows");
            }
            out[p] = m;
        }
        return out;
    }

    /**
     * Whether row {@code row} (-1 for a vector, which has no marks) of an accumulator with marks
     * {@code marks} (or null) may be nonzero; clears its mark, as the caller is about to fold
     * and zero the row.
     */
    static boolean take(int[] marks, int row) {
        if (marks == null || row < 0) {
            return true;
        }
        if (marks[row] == 0) {
            return false;
        }
        marks[row] = 0;
        return true;
    }

    /** Marks row {@code row} as written, if the accumulator has marks and it is a row. */
    static void set(int[] marks, int row) {
        if (marks != null && row >= 0) {
            marks[row] = 1;
        }
    }
}
