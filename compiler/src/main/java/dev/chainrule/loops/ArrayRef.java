package dev.chainrule.loops;

import java.util.List;

/**
 * An array the lowered code reads or writes: a field of the generated class (rank 1, or rank 2
 * stored as one array per row), a short vector of scalar fields, a {@code double[]} method
 * parameter, or a local holding one row.
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

    /**
     * A short vector kept as one scalar field per element ({@code fields.get(k)} holds element
     * k), so straight-line code reads and writes registers' worth of fields with no array
     * header, null check or bounds check. Indexed only by constants.
     */
    record Scalars(String name, Type element, List<String> fields) implements ArrayRef {
        public Scalars {
            fields = List.copyOf(fields);
        }

        @Override public int rank() { return 1; }

        /** The field of element {@code index}, a constant. */
        public String field(Expr index) {
            if (!(index instanceof Expr.Const c) || c.type() != Type.INT) {
                throw new IllegalArgumentException(name + " is indexed only by constants, not "
                        + index);
            }
            return fields.get((int) c.value());
        }
    }

    /** A local variable holding one row ({@code float[]} or {@code double[]}). */
    record Local(String name, Type element) implements ArrayRef {
        @Override public int rank() { return 1; }
    }
}
