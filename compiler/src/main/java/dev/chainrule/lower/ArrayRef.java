package dev.chainrule.lower;

/**
 * An array the lowered code reads or writes: a field of the generated class (rank 1, or rank 2
 * stored as one array per row), a {@code double[]} method parameter, or a local holding one row.
 */
public sealed interface ArrayRef {

    String name();

    /** Element type of the innermost arrays. */
    Type element();

    int rank();

    record Field(String name, Type element, int rank) implements ArrayRef {}

    /** A method parameter of type {@code double[]} (samples and outputs cross as double). */
    record Parameter(String name) implements ArrayRef {
        @Override public Type element() { return Type.DOUBLE; }
        @Override public int rank() { return 1; }
    }

    /** A local variable holding one row ({@code float[]} or {@code double[]}). */
    record Local(String name, Type element) implements ArrayRef {
        @Override public int rank() { return 1; }
    }
}
