package dev.chainrule.description.graph;

import dev.chainrule.description.CommonSections;
import dev.chainrule.description.DataSpec;
import dev.chainrule.description.Limits;
import dev.chainrule.description.MapReader;
import dev.chainrule.description.Messages;
import dev.chainrule.description.Precision;
import dev.chainrule.description.ScalarReader;
import dev.chainrule.description.SpecException;
import dev.chainrule.description.SpecNode;
import dev.chainrule.description.SpecNode.Entry;
import dev.chainrule.description.SpecNode.ListNode;
import dev.chainrule.description.SpecNode.MapNode;
import dev.chainrule.description.SpecNode.ScalarNode;
import dev.chainrule.description.SpecPosition;
import dev.chainrule.description.SpecSource;
import dev.chainrule.description.TrainingSpec;
import dev.chainrule.runtime.Weights;
import dev.chainrule.description.graph.GraphNames.Kind;
import dev.chainrule.description.graph.GraphSpec.Leaf;
import dev.chainrule.description.graph.GraphSpec.Node;
import dev.chainrule.description.graph.GraphSpec.Param;
import dev.chainrule.description.graph.GraphSpec.ParamInit;
import dev.chainrule.description.graph.GraphSpec.Reference;
import java.util.ArrayList;
import java.util.List;

/**
 * Phase 2 of parsing for graph descriptions: checks the located tree of a document that has a
 * {@code graph} key and builds the {@link GraphSpec}. Names are checked as they are defined
 * (inputs, targets, params, then nodes in document order), and each node's expression may use
 * only names defined above it. Shapes of expressions are not checked here: that is the graph
 * builder's job, with the locations this puts on every expression node.
 */
public final class GraphValidator {

    static final List<String> KEYS = List.of("name", "package", "precision", "weights",
            "inputs", "targets", "params", "constants", "graph", "output", "loss", "training",
            "data");
    static final List<String> PARAM_KEYS = List.of("shape", "init", "onnx_name");
    static final List<String> CONSTANT_KEYS = List.of("shape", "value", "onnx_name");

    private final SpecSource source;
    private final ExpressionSources expressionSources;
    private final GraphNames names = new GraphNames();

    private GraphValidator(SpecSource source) {
        this.source = source;
        this.expressionSources = new ExpressionSources(source.text());
    }

    /**
     * Validates the tree of a graph description.
     *
     * @param root the document's tree, from the same reader as the layer form's
     * @param source where the tree was read from (its text is used to place expression columns)
     * @throws SpecException with a located one-line message if the description is not valid
     */
    public static GraphSpec validate(SpecNode root, SpecSource source) {
        return validate(root, source, null);
    }

    /**
     * Validates the tree of a graph description whose params and constants take their values
     * from {@code weights} (an imported model's initializers) instead of a {@code weights:} file.
     */
    public static GraphSpec validate(SpecNode root, SpecSource source, Weights weights) {
        return new GraphValidator(source).graph(root, weights);
    }

    private GraphSpec graph(SpecNode root, Weights given) {
        MapReader top = MapReader.of(root, "",
                "a mapping with keys such as name, inputs, graph and output", KEYS);
        String name = CommonSections.className(top);
        String packageName = CommonSections.packageName(top);
        Precision precision = CommonSections.precision(top);
        List<Leaf> inputs = leaves(top.required("inputs"), "inputs", Kind.INPUT);
        List<Leaf> targets = top.optional("targets")
                .map(node -> leaves(node, "targets", Kind.TARGET))
                .orElse(List.of());
        List<Param> params = top.optional("params").map(node -> params(node, precision))
                .orElse(List.of());
        List<ConstantEntry> constants = top.optional("constants")
                .map(node -> constants(node, precision))
                .orElse(List.of());
        List<Node> nodes = nodes(top.required("graph"));
        Reference output = reference(top.required("output"), "output");
        Reference loss = top.optional("loss")
                .map(node -> reference(node, "loss"))
                .orElse(output);
        TrainingSpec training = CommonSections.training(top);
        DataSpec data = CommonSections.data(top, source.baseDirectory());
        StartingWeights weights = given != null ? new StartingWeights(given, null, "")
                : top.optional("weights").map(node -> StartingWeights.read(node,
                        top.path("weights"), source.baseDirectory()))
                .orElse(StartingWeights.NONE);
        return new GraphSpec(name, packageName, precision, inputs, targets,
                weights.params(params), weights.constants(constants), nodes, output, loss,
                training, data, source);
    }

    private List<Leaf> leaves(SpecNode node, String path, Kind kind) {
        MapNode map = mapping(node, path, "a mapping from names to shapes such as {x: [3]}");
        List<Leaf> leaves = new ArrayList<>();
        for (Entry entry : map.entries()) {
            String entryPath = keyPath(path, entry.key());
            names.define(entry.key(), kind, entry.keyPosition(), entryPath);
            List<Integer> shape = TensorReader.shape(entry.value(), entryPath);
            leaves.add(new Leaf(entry.key(), shape, location(entry.keyPosition(), entryPath)));
        }
        return leaves;
    }

    private List<Param> params(SpecNode node, Precision precision) {
        MapNode map = mapping(node, "params",
                "a mapping from names to params such as {W: {shape: [3, 2]}}");
        List<Param> params = new ArrayList<>();
        long total = 0;
        for (Entry entry : map.entries()) {
            String path = keyPath("params", entry.key());
            names.define(entry.key(), Kind.PARAM, entry.keyPosition(), path);
            boolean literal = entry.value() instanceof ListNode
                    || entry.value() instanceof ScalarNode scalar
                            && (scalar.kind() == ScalarNode.Kind.INTEGER
                                    || scalar.kind() == ScalarNode.Kind.DECIMAL);
            MapReader param = literal ? null : MapReader.of(entry.value(), path,
                    "a mapping with shape and init, such as {shape: [3, 2], init: zeros},"
                            + " or literal values such as [[0.5, -1.0]]", PARAM_KEYS);
            List<Integer> shape = literal ? TensorReader.literalShape(entry.value(), path)
                    : TensorReader.shape(param.required("shape"), param.path("shape"));
            total += TensorReader.size(shape);
            if (total > TensorReader.MAX_VALUES) {
                throw SpecException.at(entry.keyPosition(), path, "too many param values: "
                        + Messages.count(total) + " so far (at most "
                        + Messages.count(TensorReader.MAX_VALUES) + " in all)");
            }
            ParamInit init = literal ? TensorReader.init(entry.value(), path, shape, precision)
                    : param.optional("init")
                            .map(value -> TensorReader.init(
                                    value, param.path("init"), shape, precision))
                            .orElse(TensorReader.defaultInit(shape));
            String onnxName = literal ? null : param.optional("onnx_name").map(value ->
                    ScalarReader.text(value, param.path("onnx_name"), "an ONNX name")).orElse(null);
            params.add(new Param(entry.key(), shape, init, onnxName,
                    location(entry.keyPosition(), path)));
        }
        return params;
    }

    /** A constant as written: its values may still come from the {@code weights:} file. */
    record ConstantEntry(String name, List<Integer> shape, ParamInit.Literal value,
                         String onnxName, SourceLocation location) {}

    private List<ConstantEntry> constants(SpecNode node, Precision precision) {
        MapNode map = mapping(node, "constants",
                "a mapping from names to constants such as {c: {shape: [2], value: [1, 2]}}");
        List<ConstantEntry> constants = new ArrayList<>();
        for (Entry entry : map.entries()) {
            String path = keyPath("constants", entry.key());
            names.define(entry.key(), Kind.CONSTANT, entry.keyPosition(), path);
            MapReader constant = MapReader.of(entry.value(), path,
                    "a mapping with shape and value, such as {shape: [2], value: [1, 2]}",
                    CONSTANT_KEYS);
            List<Integer> shape = TensorReader.shape(constant.required("shape"),
                    constant.path("shape"));
            ParamInit.Literal value = constant.optional("value").map(v -> TensorReader.literal(
                    v, constant.path("value"), shape, precision)).orElse(null);
            String onnxName = constant.optional("onnx_name").map(v -> ScalarReader.text(v,
                    constant.path("onnx_name"), "an ONNX name")).orElse(null);
            constants.add(new ConstantEntry(entry.key(), shape, value, onnxName,
                    location(entry.keyPosition(), path)));
        }
        return constants;
    }

    private List<Node> nodes(SpecNode node) {
        MapNode map = mapping(node, "graph",
                "a mapping from node names to expressions such as {y: a + b}");
        if (map.entries().isEmpty()) {
            throw SpecException.at(node.position(), "graph",
                    "expected at least one node such as 'y: a + b', got an empty mapping");
        }
        String tooMany = Limits.countProblem(map.entries().size(), Limits.MAX_GRAPH_NODES,
                "nodes");
        if (tooMany != null) {
            throw SpecException.at(node.position(), "graph", tooMany);
        }
        for (Entry entry : map.entries()) {
            names.expectNode(entry.key(), entry.keyPosition());
        }
        List<Node> nodes = new ArrayList<>();
        for (Entry entry : map.entries()) {
            String path = keyPath("graph", entry.key());
            names.define(entry.key(), Kind.NODE, entry.keyPosition(), path);
            Expression expression = ExpressionParser.parse(expressionSource(entry.value(), path));
            names.resolve(expression, entry.key());
            nodes.add(new Node(entry.key(), expression, location(entry.keyPosition(), path)));
        }
        return nodes;
    }

    /** Strings and YAML/JSON numbers are expressions ({@code d: 1} is a constant). */
    private ExpressionSource expressionSource(SpecNode node, String path) {
        if (node instanceof ScalarNode scalar && (scalar.kind() == ScalarNode.Kind.STRING
                || scalar.kind() == ScalarNode.Kind.INTEGER
                || scalar.kind() == ScalarNode.Kind.DECIMAL)) {
            return expressionSources.of(scalar, path);
        }
        throw SpecException.at(node.position(), path, "expected an expression such as"
                + " 'a + b', got " + Messages.describe(node));
    }

    /** The {@code output} or {@code loss} key: a name defined anywhere in the description. */
    private Reference reference(SpecNode node, String path) {
        String name = ScalarReader.text(node, path, "the name of a node such as 'y'");
        if (!names.isDefined(name)) {
            throw SpecException.at(node.position(), path, names.unknown(name,
                    "not an input, target, param or node"));
        }
        return new Reference(name, location(node.position(), path));
    }

    /**
     * The key path of a name defined under {@code parent}: the name itself once it is valid,
     * escaped (one line, cut if long) while it may still be anything.
     */
    private static String keyPath(String parent, String key) {
        return Messages.child(parent,
                GraphNames.NAME.matcher(key).matches() ? key : Messages.escape(key));
    }

    /** The mapping at {@code node}, which must be one (an empty value is not). */
    private static MapNode mapping(SpecNode node, String path, String expected) {
        if (node instanceof MapNode map) {
            return map;
        }
        throw SpecException.at(node.position(), path,
                "expected " + expected + ", got " + Messages.describe(node));
    }

    private static SourceLocation location(SpecPosition position, String path) {
        return new SourceLocation(position.source(), position.line(), position.column(), path);
    }
}
