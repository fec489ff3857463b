package dev.chainrule.ir;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable IR program for one sample: values in topological order (ids are list indices)
 * and named outputs ({@code output}, {@code loss}, {@code grad:<parameter>}). Ordered
 * collections only, so every walk over a graph, and so emission, is deterministic.
 */
public record Graph(List<Value> values, Map<String, Integer> outputs) {

    public static final String OUTPUT = "output";
    public static final String LOSS = "loss";
    public static final String GRADIENT_PREFIX = "grad:";

    public Graph {
        values = List.copyOf(values);
        outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    }

    public Value value(int id) {
        return values.get(id);
    }

    public static String gradientOutput(String parameter) {
        return GRADIENT_PREFIX + parameter;
    }

    /** Number of uses of each value by other values and by outputs. */
    public int[] useCounts() {
        int[] uses = new int[values.size()];
        for (Value v : values) {
            for (int in : v.inputs()) {
                uses[in]++;
            }
        }
        for (int id : outputs.values()) {
            uses[id]++;
        }
        return uses;
    }

    /** The parameter values, in graph order. */
    public List<Value> parameters() {
        List<Value> params = new ArrayList<>();
        for (Value v : values) {
            if (v.op().kind() == Op.Kind.PARAMETER) {
                params.add(v);
            }
        }
        return params;
    }
}
