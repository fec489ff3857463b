package dev.chainrule.ir;

/** Shape of an IR value: a scalar, a vector of {@code rows}, or a {@code rows x cols} matrix. */
public record Shape(int rows, int cols) {

    public static final Shape SCALAR = new Shape(0, 0);

    public static Shape vector(int n) {
        return new Shape(n, 0);
    }

    public static Shape matrix(int rows, int cols) {
        return new Shape(rows, cols);
    }

    public boolean isScalar() {
        return rows == 0;
    }

    public boolean isVector() {
        return rows > 0 && cols == 0;
    }

    public boolean isMatrix() {
        return cols > 0;
    }

    @Override
    public String toString() {
        return isScalar() ? "scalar" : isVector() ? "[" + rows + "]" : "[" + rows + "x" + cols + "]";
    }
}
