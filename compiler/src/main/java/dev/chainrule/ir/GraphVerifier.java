package dev.chainrule.ir;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a graph's invariants: ids are positions, inputs come earlier, shapes agree with
 * {@link ShapeRules}, outputs exist, parameter names are unique. Run after every pass in tests.
 */
public final class GraphVerifier {

    private GraphVerifier() {}

    /** Throws {@link IllegalStateException} naming the first broken invariant. */
    public static Graph verify(Graph graph) {
        Set<String> parameters = new HashSet<>();
        for (int id = 0; id < graph.values().size(); id++) {
            Value v = graph.value(id);
            if (v.id() != id) {
                throw broken(v, "has id " + v.id() + " at position " + id);
            }
            List<Shape> shapes = new ArrayList<>();
            for (int in : v.inputs()) {
                if (in < 0 || in >= id) {
                    throw broken(v, "uses %" + in + ", which is not an earlier value");
                }
                shapes.add(graph.value(in).shape());
            }
            Shape expected;
            try {
                expected = ShapeRules.infer(v.op(), shapes, v.shape());
            } catch (IllegalArgumentException e) {
                throw broken(v, e.getMessage());
            }
            if (!expected.equals(v.shape())) {
                throw broken(v, "has shape " + v.shape() + ", expected " + expected);
            }
            if (v.op().kind() == Op.Kind.PARAMETER && !parameters.add(v.op().parameter())) {
                throw broken(v, "declares parameter " + v.op().parameter() + " twice");
            }
        }
        graph.outputs().forEach((name, id) -> {
            if (id < 0 || id >= graph.values().size()) {
                throw new IllegalStateException("output " + name + " names missing value %" + id);
            }
        });
        return graph;
    }

    private static IllegalStateException broken(Value v, String what) {
        return new IllegalStateException("IR value %" + v.id() + " (" + v.op().mnemonic() + ") "
                + what);
    }
}
