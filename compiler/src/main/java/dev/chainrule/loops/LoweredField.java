package dev.chainrule.loops;

import java.util.List;

/**
 * A field of the generated class. {@code dims} empty: a mutable scalar; one dimension: an array;
 * two: one array per row ({@code new float[rows][cols]}). Arrays are allocated in the
 * constructor, zero-filled.
 */
public record LoweredField(String name, Type element, List<Integer> dims, String comment) {

    public LoweredField {
        dims = List.copyOf(dims);
    }

    public int rank() {
        return dims.size();
    }
}
