package dev.chainrule.runtime;

/**
 * How {@link ParallelTrainer} cuts the sum of the replicas' gradients into units of work: per
 * parameter, runs of whole rows of about {@value #SEGMENT_VALUES} values (a vector is one unit).
 * Each unit is summed by one thread; any thread may take any unit, since the sum of each element
 * is the same whoever computes it.
 */
final class SumSegments {

    /** About this many values per unit of the sum's work (32 KB of floats). */
    private static final int SEGMENT_VALUES = 8192;

    /** Unit {@code u}: parameter {@code parameter[u]}, its rows {@code [from[u], to[u])}. */
    final int[] parameter;
    final int[] from;
    final int[] to;

    SumSegments(Object[] parameters) {
        int units = 0;
        for (Object p : parameters) {
            units += p instanceof Object[]
                    ? ceilDiv(((Object[]) p).length, rowsPerSegment((Object[]) p)) : 1;
        }
        parameter = new int[units];
        from = new int[units];
        to = new int[units];
        int u = 0;
        for (int p = 0; p < parameters.length; p++) {
            if (!(parameters[p] instanceof Object[])) {
                parameter[u] = p;
                to[u] = 1;
                u++;
                continue;
            }
            Object[] rows = (Object[]) parameters[p];
            int perSegment = rowsPerSegment(rows);
            for (int r = 0; r < rows.length; r += perSegment) {
                parameter[u] = p;
                from[u] = r;
                to[u] = Math.min(rows.length, r + perSegment);
                u++;
            }
        }
    }

    int size() {
        return parameter.length;
    }

    private static int rowsPerSegment(Object[] rows) {
        return Math.max(1, SEGMENT_VALUES / Math.max(1, RowArrays.width(rows)));
    }

    static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
