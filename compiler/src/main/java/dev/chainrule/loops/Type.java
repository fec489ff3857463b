package dev.chainrule.loops;

/** Types of the lowered form: scalars, and one-dimensional arrays of them (weight rows). */
public enum Type {
    INT, FLOAT, DOUBLE, FLOAT_ARRAY, DOUBLE_ARRAY;

    /** The real type of a network's precision. */
    public static Type real(boolean doublePrecision) {
        return doublePrecision ? DOUBLE : FLOAT;
    }

    public Type arrayOf() {
        return switch (this) {
            case FLOAT -> FLOAT_ARRAY;
            case DOUBLE -> DOUBLE_ARRAY;
            default -> throw new IllegalArgumentException("no array of " + this);
        };
    }

    public Type element() {
        return switch (this) {
            case FLOAT_ARRAY -> FLOAT;
            case DOUBLE_ARRAY -> DOUBLE;
            default -> throw new IllegalArgumentException(this + " is not an array");
        };
    }

    public boolean isArray() {
        return this == FLOAT_ARRAY || this == DOUBLE_ARRAY;
    }
}
