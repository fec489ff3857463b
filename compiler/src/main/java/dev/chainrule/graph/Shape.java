package dev.chainrule.graph;

import java.util.List;

/**
 * The shape of a graph value: {@code []} a scalar, {@code [n]} a vector, {@code [r, c]} a matrix,
 * {@code [C, H, W]} an image, {@code [K, C, kh, kw]} a bank of filters. Values are stored
 * row-major. Element {@code (i, j)} of a matrix is its row and column; a value of rank 3 or 4
 * is addressed, like a vector, by its flat row-major index {@code i} ({@link #isFlat}).
 */
public record Shape(List<Integer> dims) {

    public static final Shape SCALAR = new Shape(List.of());

    /** The highest rank a value may have. */
    public static final int MAX_RANK = 4;

    public Shape {
        dims = List.copyOf(dims);
        if (dims.size() > MAX_RANK) {
            throw new IllegalArgumentException("rank " + dims.size() + " is above "
                    + MAX_RANK + ": " + dims);
        }
        for (int d : dims) {
            if (d < 1) {
                throw new IllegalArgumentException("dimension below 1: " + dims);
            }
        }
    }

    public static Shape of(int... dims) {
        return new Shape(java.util.Arrays.stream(dims).boxed().toList());
    }

    public int rank() {
        return dims.size();
    }

    public boolean isScalar() {
        return dims.isEmpty();
    }

    public boolean isVector() {
        return dims.size() == 1;
    }

    public boolean isMatrix() {
        return dims.size() == 2;
    }

    /** Rank 3 or 4: stored and addressed as one row-major run of {@link #size} elements. */
    public boolean isFlat() {
        return dims.size() > 2;
    }

    /** Rows of a matrix, length of a vector, 1 for a scalar, every element of a flat value. */
    public int rows() {
        return isFlat() ? size() : dims.isEmpty() ? 1 : dims.get(0);
    }

    public int dim(int k) {
        return dims.get(k);
    }

    /** Elements between neighbours along dimension {@code k}: the product of the later ones. */
    public int stride(int k) {
        int n = 1;
        for (int d = k + 1; d < dims.size(); d++) {
            n *= dims.get(d);
        }
        return n;
    }

    /** Columns of a matrix, 1 otherwise. */
    public int cols() {
        return dims.size() == 2 ? dims.get(1) : 1;
    }

    /** Number of elements. */
    public int size() {
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    /**
     * The numpy broadcast of two shapes: trailing dimensions are aligned and
     * each pair must be equal or one of them 1; {@code null} when they do not broadcast.
     */
    public static Shape broadcast(Shape a, Shape b) {
        int rank = Math.max(a.rank(), b.rank());
        int[] out = new int[rank];
        for (int k = 1; k <= rank; k++) {
            int x = k <= a.rank() ? a.dims.get(a.rank() - k) : 1;
            int y = k <= b.rank() ? b.dims.get(b.rank() - k) : 1;
            if (x != y && x != 1 && y != 1) {
                return null;
            }
            out[rank - k] = Math.max(x, y);
        }
        return of(out);
    }

    /**
     * The flat index into a value of this shape that element {@code (i, j)} of a broadcast
     * result of shape {@code result} reads (numpy's rule: dimensions of 1 repeat).
     */
    public int sourceIndex(Shape result, int i, int j) {
        return sourceIndex(result, result.isMatrix() ? i * result.cols() + j : i);
    }

    /** {@link #sourceIndex(Shape, int, int)} of the result's flat row-major index. */
    public int sourceIndex(Shape result, int flatIndex) {
        int rest = flatIndex;
        int[] idx = new int[result.rank()];
        for (int d = result.rank() - 1; d >= 0; d--) {
            idx[d] = rest % result.dims.get(d);
            rest /= result.dims.get(d);
        }
        int flat = 0;
        for (int k = 0; k < rank(); k++) {
            int d = dims.get(k);
            int r = idx[idx.length - rank() + k];
            flat = flat * d + (d == 1 ? 0 : r);
        }
        return flat;
    }

    @Override
    public String toString() {
        return dims.toString();
    }
}
