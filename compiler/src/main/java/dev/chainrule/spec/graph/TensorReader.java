package dev.chainrule.spec.graph;

import dev.chainrule.spec.MapReader;
import dev.chainrule.spec.Messages;
import dev.chainrule.spec.ScalarReader;
import dev.chainrule.spec.SpecException;
import dev.chainrule.spec.SpecNode;
import dev.chainrule.spec.SpecNode.ListNode;
import dev.chainrule.spec.SpecNode.MapNode;
import dev.chainrule.spec.SpecNode.ScalarNode;
import dev.chainrule.spec.Suggestions;
import dev.chainrule.spec.graph.GraphSpec.ParamInit;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads shapes ({@code []}, {@code [n]}, {@code [r, c]}, up to rank 4) and param initializers: a literal
 * nested list matching the shape (a plain number for {@code []}), or a scheme spelling
 * ({@code zeros}, {@code glorot_uniform}...), or {@code {normal: {std: X}}} /
 * {@code {uniform: {a: X}}}, stored as {@code normal(std=X)} / {@code uniform(a=X)}.
 */
public final class TensorReader {

    /** Largest number of values in one tensor, and in all params together. */
    static final long MAX_VALUES = 50_000_000L;

    static final List<String> SCHEMES = List.of("zeros", "glorot_uniform", "glorot_normal",
            "he_uniform", "he_normal");
    private static final List<String> PARAMETERIZED = List.of("normal", "uniform");

    private TensorReader() {}

    /** A shape: a list of at most 4 positive integers whose product is at most MAX_VALUES. */
    static List<Integer> shape(SpecNode node, String path) {
        String expected = "expected a shape such as [], [3], [2, 3] or [1, 28, 28]";
        if (!(node instanceof ListNode list)) {
            throw SpecException.at(node.position(), path,
                    expected + ", got " + Messages.describe(node));
        }
        if (list.items().size() > dev.chainrule.graph.Shape.MAX_RANK) {
            throw SpecException.at(node.position(), path, "expected at most "
                    + dev.chainrule.graph.Shape.MAX_RANK + " dimensions ([], [n], [r, c],"
                    + " [C, H, W] or [K, C, kh, kw]), got rank " + list.items().size());
        }
        List<Integer> shape = new ArrayList<>();
        long size = 1;
        for (int i = 0; i < list.items().size(); i++) {
            int dimension = ScalarReader.intAtLeast(list.items().get(i), Messages.item(path, i), 1);
            shape.add(dimension);
            size *= dimension;
        }
        if (size > MAX_VALUES) {
            throw SpecException.at(node.position(), path, "tensor too large: "
                    + Messages.count(size) + " values (at most " + Messages.count(MAX_VALUES)
                    + ")");
        }
        return List.copyOf(shape);
    }

    static long size(List<Integer> shape) {
        long size = 1;
        for (int dimension : shape) {
            size *= dimension;
        }
        return size;
    }

    /** The default when a param has no {@code init}: zeros up to vectors, Glorot above. */
    static ParamInit defaultInit(List<Integer> shape) {
        return new ParamInit.Scheme(shape.size() >= 2 ? "glorot_uniform" : "zeros");
    }

    static ParamInit init(SpecNode node, String path, List<Integer> shape) {
        if (node instanceof MapNode) {
            return parameterized(node, path);
        }
        if (node instanceof ScalarNode scalar && scalar.kind() == ScalarNode.Kind.STRING) {
            return scheme(scalar, path);
        }
        double[] values = new double[(int) size(shape)];
        literal(node, path, shape, 0, values, 0);
        return new ParamInit.Literal(values);
    }

    private static ParamInit scheme(ScalarNode scalar, String path) {
        String text = scalar.text();
        if (SCHEMES.contains(text)) {
            return new ParamInit.Scheme(text);
        }
        if (text.equals("normal")) {
            throw SpecException.at(scalar.position(), path,
                    "normal needs a standard deviation: write {normal: {std: 0.01}}");
        }
        if (text.equals("uniform")) {
            throw SpecException.at(scalar.position(), path,
                    "uniform needs a bound: write {uniform: {a: 0.05}} for values in [-a, a]");
        }
        List<String> known = new ArrayList<>(SCHEMES);
        known.addAll(PARAMETERIZED);
        throw SpecException.at(scalar.position(), path, "unknown initializer "
                + Messages.quote(text) + " (expected a list of values or one of "
                + Messages.list(known) + Suggestions.closest(text, known)
                        .map(s -> "; did you mean '" + s + "'?").orElse("") + ")");
    }

    /** {@code {normal: {std: X}}} or {@code {uniform: {a: X}}}. */
    private static ParamInit parameterized(SpecNode node, String path) {
        MapReader init = MapReader.of(node, path, "", PARAMETERIZED);
        MapNode map = (MapNode) node;
        if (map.entries().size() != 1) {
            throw SpecException.at(node.position(), path, "expected one initializer such as"
                    + " {normal: {std: 0.01}}, got " + (map.entries().isEmpty()
                            ? "an empty mapping"
                            : Messages.plural(map.entries().size(), "key")));
        }
        String scheme = map.entries().get(0).key();
        String argument = scheme.equals("normal") ? "std" : "a";
        String schemePath = init.path(scheme);
        MapReader arguments = MapReader.of(init.required(scheme), schemePath,
                "a mapping such as {" + argument + ": 0.01}", List.of(argument));
        SpecNode valueNode = arguments.required(argument);
        double value = ScalarReader.number(valueNode, arguments.path(argument));
        if (!(value > 0) || Double.isInfinite(value)) {
            throw SpecException.at(valueNode.position(), arguments.path(argument),
                    "must be a finite number > 0, got " + Messages.describe(valueNode));
        }
        return new ParamInit.Scheme(scheme + "(" + argument + "=" + value + ")");
    }

    /** The values of nested lists of {@code shape} (a layer form's conv weight, say). */
    public static double[] literal(SpecNode node, String path, List<Integer> shape) {
        double[] values = new double[(int) size(shape)];
        literal(node, path, shape, 0, values, 0);
        return values;
    }

    /** Fills {@code values} from {@code offset} with the nested lists of {@code node}. */
    private static void literal(SpecNode node, String path, List<Integer> shape, int axis,
            double[] values, int offset) {
        if (axis == shape.size()) {
            if (!(node instanceof ScalarNode)) {
                throw SpecException.at(node.position(), path, "expected a number"
                        + expectedShape(shape) + ", got " + Messages.describe(node));
            }
            values[offset] = ScalarReader.finiteNumber(node, path);
            return;
        }
        int length = shape.get(axis);
        String what = axis + 1 < shape.size() ? "row" : "value";
        if (!(node instanceof ListNode list)) {
            throw SpecException.at(node.position(), path, "expected a list of "
                    + Messages.plural(length, what) + expectedShape(shape) + ", got "
                    + Messages.describe(node));
        }
        if (list.items().size() != length) {
            throw SpecException.at(node.position(), path, "expected "
                    + Messages.plural(length, what) + expectedShape(shape) + ", got "
                    + list.items().size());
        }
        int stride = 1;
        for (int later = axis + 1; later < shape.size(); later++) {
            stride *= shape.get(later);
        }
        for (int i = 0; i < length; i++) {
            literal(list.items().get(i), Messages.item(path, i), shape, axis + 1, values,
                    offset + i * stride);
        }
    }

    private static String expectedShape(List<Integer> shape) {
        return " (shape " + shape + ")";
    }
}
