package dev.chainrule.cli;

import dev.chainrule.Chainrule;
import dev.chainrule.StartingValues;
import dev.chainrule.codegen.Backend;
import dev.chainrule.graph.SpecToGraph;
import dev.chainrule.runtime.Network;
import dev.chainrule.runtime.WeightsJson;
import dev.chainrule.loops.LoweredClass;
import dev.chainrule.description.Description;
import dev.chainrule.description.Descriptions;
import dev.chainrule.description.Loss;
import dev.chainrule.description.NetworkSpec;
import dev.chainrule.description.graph.GraphSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** The steps every command shares: read a description, compile it in process, initialize it. */
final class Networks {

    private Networks() {
    }

    /** Reads and validates a description; problems are {@code SpecException}s. */
    static Description parse(Path description) {
        return Descriptions.parse(description);
    }

    /** The lowered class of either form of description. */
    static LoweredClass lowered(Description spec) {
        return Chainrule.compile(spec).lowered();
    }

    /** Compiles {@code spec} with {@code backend} and returns a fresh, all-zero instance. */
    static Network instantiate(Description spec, Backend backend) {
        return backend.instantiate(lowered(spec));
    }

    /** A fresh instance of {@code spec} with its starting values (see {@link #initialize}). */
    static Network initialized(Description spec, Backend backend, long seed) {
        Network net = instantiate(spec, backend);
        initialize(net, spec, seed);
        return net;
    }

    /**
     * Starting values: every parameter drawn from its initializer and {@code seed}, then the
     * description's explicit {@code init} values on top.
     */
    static void initialize(Network net, Description spec, long seed) {
        StartingValues.apply(net, spec, seed);
    }

    /** Width of one input row: a layer network's input, a graph's inputs flattened. */
    static int inputWidth(Description spec) {
        return spec instanceof GraphSpec g ? width(g.inputs()) : ((NetworkSpec) spec).inputSize();
    }

    /** Width of one target row: a layer network's output, a graph's targets flattened. */
    static int targetWidth(Description spec) {
        return spec instanceof GraphSpec g ? width(g.targets()) : ((NetworkSpec) spec).outputSize();
    }

    /**
     * True when CSV targets may be one class index: layer networks with softmax cross-entropy,
     * and graphs whose loss is {@code softmax_cross_entropy(z, t)} of their one target vector.
     */
    static boolean classifier(Description spec) {
        return spec instanceof GraphSpec g ? SpecToGraph.build(g, List.of()).info().classifier()
                : ((NetworkSpec) spec).loss() == Loss.SOFTMAX_CROSS_ENTROPY;
    }

    private static int width(java.util.List<GraphSpec.Leaf> leaves) {
        int n = 0;
        for (GraphSpec.Leaf leaf : leaves) {
            int size = 1;
            for (int d : leaf.shape()) {
                size *= d;
            }
            n += size;
        }
        return n;
    }

    /**
     * A fresh instance with {@code weights}, or, without a file, with the values the description
     * gives every param (an ONNX model's initializers, a graph's {@code weights:} file).
     */
    static Network withWeights(Description spec, Backend backend, Path weights, String command) {
        if (weights != null) {
            Network net = instantiate(spec, backend);
            loadWeights(net, spec, weights);
            return net;
        }
        if (spec instanceof GraphSpec g && !g.params().isEmpty() && g.params().stream()
                .allMatch(p -> p.init() instanceof GraphSpec.ParamInit.Literal)) {
            return initialized(spec, backend, spec.training().seed());
        }
        throw new UserError("chainrule " + command + ": missing required option:"
                + " '--weights=W.json' (" + spec.source().displayName() + " does not give every"
                + " param its values)");
    }

    /**
     * Sets every parameter from a weights file. A graph imported from ONNX also takes a file
     * keyed by its identifiers, and skips the constants a file of every initializer holds.
     */
    static void loadWeights(Network net, Description spec, Path file) {
        if (spec instanceof GraphSpec g) {
            NamedWeights.read(g, DataSources.file(file)).applyTo(net);
        } else {
            loadWeights(net, file);
        }
    }

    /** Sets every parameter from a weights file; it must name them all, with their shapes. */
    static void loadWeights(Network net, Path file) {
        WeightsJson.read(DataSources.file(file)).applyTo(net);
    }

    /** Saves every parameter as JSON, all or nothing. */
    static void saveWeights(Network net, Path file) {
        String json;
        try {
            json = WeightsJson.toJson(net);
        } catch (IllegalArgumentException e) {
            throw new UserError(file + ": " + e.getMessage(), e);
        }
        OutputFiles.write(file, json.getBytes(StandardCharsets.UTF_8));
    }
}
