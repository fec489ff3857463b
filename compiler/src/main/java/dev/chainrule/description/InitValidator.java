package dev.chainrule.description;

import dev.chainrule.description.SpecNode.Entry;
import dev.chainrule.description.SpecNode.ListNode;
import dev.chainrule.description.SpecNode.MapNode;
import dev.chainrule.description.SpecNode.ScalarNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks the {@code init} section: every key names a parameter, and its values have the
 * parameter's shape ({@code [out][in]} rows for a weight, {@code [out]} for a bias, nested
 * {@code [K][C][kh][kw]} for a conv layer's weight).
 */
final class InitValidator {

    private InitValidator() {}

    static Map<String, InitialValues> validate(SpecNode node, String path, List<LayerSpec> layers,
                                              Precision precision) {
        if (!(node instanceof MapNode map)) {
            throw SpecException.at(node.position(), path, "expected a mapping from parameter"
                    + " names such as layer1.weight to values, got " + Messages.describe(node));
        }
        Map<String, ParameterSpec> parameters = NetworkSpec.parametersByName(layers);
        Map<String, InitialValues> init = new LinkedHashMap<>();
        for (Entry entry : map.entries()) {
            String entryPath = Messages.child(path, entry.key());
            ParameterSpec parameter = parameters.get(entry.key());
            if (parameter == null) {
                throw unknownParameter(entry, entryPath, path, layers, parameters);
            }
            double[] values = parameter.layer().image() != null
                    ? dev.chainrule.description.graph.TensorReader.literal(entry.value(), entryPath,
                            java.util.Arrays.stream(parameter.shape()).boxed().toList(),
                            precision).values()
                    : parameter.kind() == ParameterSpec.Kind.WEIGHT
                    ? weight(entry.value(), entryPath, parameter.layer(), precision)
                    : bias(entry.value(), entryPath, parameter.layer(), precision);
            init.put(parameter.name(), new InitialValues(parameter.shape(), values));
        }
        return init;
    }

    private static SpecException unknownParameter(Entry entry, String entryPath, String path,
            List<LayerSpec> layers, Map<String, ParameterSpec> parameters) {
        for (LayerSpec layer : layers) {
            if (!layer.bias() && entry.key().equals(layer.biasName())) {
                return SpecException.at(entry.keyPosition(), entryPath, "layer "
                        + Messages.quote(layer.name()) + " has no bias (it sets bias: false)");
            }
        }
        return SpecException.at(entry.keyPosition(), "", Messages.unknown("parameter",
                entry.key(), path, new ArrayList<>(parameters.keySet()), "parameters are"));
    }

    private static double[] weight(SpecNode node, String path, LayerSpec layer,
                                   Precision precision) {
        int out = layer.units();
        int in = layer.fanIn();
        String expected = "expected " + Messages.plural(out, "row") + " of "
                + Messages.plural(in, "value") + " ([out][in])";
        if (!(node instanceof ListNode rows)) {
            throw SpecException.at(node.position(), path,
                    expected + ", got " + Messages.describe(node));
        }
        if (!rows.items().isEmpty() && rows.items().get(0) instanceof ScalarNode) {
            throw SpecException.at(node.position(), path, expected + ", got a flat list of "
                    + Messages.plural(rows.items().size(), "value")
                    + "; write one list per row, e.g. [[1.0, 2.0], [3.0, 4.0]]");
        }
        if (rows.items().size() != out) {
            throw SpecException.at(node.position(), path, expected + ", got "
                    + Messages.plural(rows.items().size(), "row") + transposedHint(rows, out, in));
        }
        double[] values = new double[out * in];
        for (int o = 0; o < out; o++) {
            SpecNode row = rows.items().get(o);
            String rowPath = Messages.item(path, o);
            double[] rowValues = numbers(row, rowPath, in, "a row of "
                    + Messages.plural(in, "value") + " ([out][in] is " + out + " x " + in + ")",
                    precision);
            System.arraycopy(rowValues, 0, values, o * in, in);
        }
        return values;
    }

    private static String transposedHint(ListNode rows, int out, int in) {
        boolean transposed = rows.items().size() == in && rows.items().stream().allMatch(
                row -> row instanceof ListNode list && list.items().size() == out);
        return transposed ? "; it looks transposed: weights are [out][in], one row per unit" : "";
    }

    private static double[] bias(SpecNode node, String path, LayerSpec layer,
                                 Precision precision) {
        return numbers(node, path, layer.units(),
                Messages.plural(layer.units(), "value") + " ([out])", precision);
    }

    private static double[] numbers(SpecNode node, String path, int count, String expected,
                                    Precision precision) {
        if (!(node instanceof ListNode list)) {
            throw SpecException.at(node.position(), path,
                    "expected " + expected + ", got " + Messages.describe(node));
        }
        if (list.items().size() != count) {
            throw SpecException.at(node.position(), path, "expected " + expected + ", got "
                    + Messages.plural(list.items().size(), "value"));
        }
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = ScalarReader.numberIn(list.items().get(i), Messages.item(path, i),
                    precision);
        }
        return values;
    }
}
