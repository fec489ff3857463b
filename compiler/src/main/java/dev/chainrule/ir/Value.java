package dev.chainrule.ir;

import java.util.List;

/**
 * One value of a {@link Graph}: {@code op} applied to earlier values. {@code label} names it for
 * people (generated field names, printed IR), like {@code layer1.z}.
 */
public record Value(int id, Op op, List<Integer> inputs, Shape shape, String label) {

    public Value {
        inputs = List.copyOf(inputs);
    }

    public int input(int index) {
        return inputs.get(index);
    }
}
