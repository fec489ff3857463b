package dev.chainrule.description.graph;

import dev.chainrule.description.InitializerReader;
import dev.chainrule.description.Messages;
import dev.chainrule.description.Precision;
import dev.chainrule.description.ScalarReader;
import dev.chainrule.description.SpecException;
import dev.chainrule.description.SpecNode;
import dev.chainrule.description.SpecNode.ListNode;
import dev.chainrule.description.SpecNode.MapNode;
import dev.chainrule.description.SpecNode.ScalarNode;
import dev.chainrule.description.graph.GraphSpec.ParamInit;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads shapes ({@code []}, {@code [n]}, {@code [r, c]}, up to rank 4) and param initializers:
 * a literal nested list matching the shape (a plain number for {@code []}), or an initializer as
 * a layer takes it ({@code zeros}, {@code normal(std=X)}, {@code {type: normal, std: X}},
 * {@code {normal: {std: X}}}), stored in its runtime spelling ({@code normal(std=X)}).
 */
public final class TensorReader {

    /** Largest number of values in one tensor, and in all params together. */
    static final long MAX_VALUES = 50_000_000L;

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

    /**
     * A param's {@code init}: literal values matching {@code shape}, or an initializer in any of
     * the layer form's spellings ({@link InitializerReader}).
     */
    static ParamInit init(SpecNode node, String path, List<Integer> shape, Precision precision) {
        if (node instanceof MapNode
                || node instanceof ScalarNode scalar && scalar.kind() == ScalarNode.Kind.STRING) {
            return new ParamInit.Scheme(
                    InitializerReader.read(node, path, "a list of values or ").spelling());
        }
        double[] values = new double[(int) size(shape)];
        literal(node, path, shape, 0, values, 0, precision);
        return new ParamInit.Literal(values);
    }

    /**
     * Literal values: nested lists matching {@code shape} (a plain number for {@code []}), each
     * a number that fits {@code precision} (a layer form's conv weight, a graph's constant).
     */
    public static ParamInit.Literal literal(SpecNode node, String path, List<Integer> shape,
            Precision precision) {
        double[] values = new double[(int) size(shape)];
        literal(node, path, shape, 0, values, 0, precision);
        return new ParamInit.Literal(values);
    }

    /**
     * The shape of a param given as bare literal values ({@code w: [[0, 0, 0]]}): a number is
     * {@code []}, a list of numbers {@code [n]}, a list of rows {@code [r, c]}, and so on up to
     * rank 4, read from the first item at each depth ({@link #init} then checks every item).
     */
    static List<Integer> literalShape(SpecNode node, String path) {
        List<Integer> shape = new java.util.ArrayList<>();
        SpecNode first = node;
        String at = path;
        while (first instanceof ListNode list) {
            if (list.items().isEmpty()) {
                throw SpecException.at(list.position(), at, "expected at least one value");
            }
            shape.add(list.items().size());
            first = list.items().get(0);
            at = Messages.item(at, 0);
        }
        if (shape.size() > dev.chainrule.graph.Shape.MAX_RANK) {
            throw SpecException.at(node.position(), path, "expected values of rank at most "
                    + dev.chainrule.graph.Shape.MAX_RANK + ", got rank " + shape.size());
        }
        return List.copyOf(shape);
    }

    /** Fills {@code values} from {@code offset} with the nested lists of {@code node}. */
    private static void literal(SpecNode node, String path, List<Integer> shape, int axis,
            double[] values, int offset, Precision precision) {
        if (axis == shape.size()) {
            if (!(node instanceof ScalarNode)) {
                throw SpecException.at(node.position(), path, "expected a number"
                        + expectedShape(shape) + ", got " + Messages.describe(node));
            }
            values[offset] = ScalarReader.numberIn(node, path, precision);
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
                    offset + i * stride, precision);
        }
    }

    private static String expectedShape(List<Integer> shape) {
        return " (shape " + shape + ")";
    }
}
