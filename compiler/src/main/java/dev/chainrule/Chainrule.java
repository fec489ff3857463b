package dev.chainrule;

import dev.chainrule.codegen.MethodSizer;
import dev.chainrule.graph.Derivatives;
import dev.chainrule.graph.Graph;
import dev.chainrule.graph.GraphText;
import dev.chainrule.graph.LayerToGraph;
import dev.chainrule.graph.Node;
import dev.chainrule.graph.Passes;
import dev.chainrule.graph.Role;
import dev.chainrule.graph.SpecToGraph;
import dev.chainrule.graph.op.Leaf;
import dev.chainrule.lower.GraphLowering;
import dev.chainrule.loops.LoweredClass;
import dev.chainrule.lower.LoweringPolicy;
import dev.chainrule.lower.WeightPacking;
import dev.chainrule.runtime.Weights;
import dev.chainrule.description.Description;
import dev.chainrule.description.NetworkSpec;
import dev.chainrule.description.SpecException;
import dev.chainrule.description.graph.GraphSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;

/**
 * The compiler pipeline in one call, for either form of description: a front end builds the
 * graph IR ({@link LayerToGraph} for a stack of layers, {@link SpecToGraph} for a graph), then
 * derivatives → passes → the lowered form, which either backend turns into a class extending
 * {@code GeneratedGraph}.
 *
 * <pre>{@code
 * Description spec = Descriptions.parse(Path.of("iris.yaml"));
 * Chainrule.Compilation c = Chainrule.compile(spec);
 * String java = SourceBackend.emit(c.lowered());
 * }</pre>
 */
public final class Chainrule {

    private Chainrule() {}

    /** Every stage's result, for inspection ({@code --emit ir}) and for the backends. */
    public record Compilation(Description spec, Graph forward, Graph differentiated,
                              Graph optimized, LoweredClass lowered) {}

    /**
     * Compiles with methods measured by the bytecode assembler.
     *
     * @throws dev.chainrule.description.SpecException at a graph expression whose shapes do not fit
     */
    public static Compilation compile(Description spec) {
        Graph forward = forward(spec);
        // d output / d every name and the tangents are for `chainrule grad`, which takes graph
        // descriptions only: a layer trainer gets just the param gradients training needs
        Graph differentiated = Derivatives.differentiate(forward, spec instanceof GraphSpec);
        Graph optimized = Passes.optimize(differentiated);
        LoweredClass lowered = GraphLowering.lower(optimized, MethodSizer.METER,
                LoweringPolicy.DEFAULT.methodBudgetBytes());
        checkClassConstants(spec, lowered);
        return new Compilation(spec, forward, differentiated, optimized, lowered);
    }

    /** The longest string constant a class file holds (its UTF-8 bytes). */
    static final int MAX_CONSTANT_BYTES = 65_535;

    /**
     * The names, roles and shapes a generated class hands the runtime are one string constant:
     * a description the limits let through but whose table still does not fit is a located
     * error, not ASM's.
     */
    private static void checkClassConstants(Description spec, LoweredClass lowered) {
        String table = lowered.graphLayout();
        int bytes = table == null ? 0 : table.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_CONSTANT_BYTES) {
            throw SpecException.inFile(spec.source().displayName(), "too large for one"
                    + " Java class: its table of params and values needs "
                    + String.format(java.util.Locale.ROOT, "%,d", bytes) + " bytes, a class"
                    + " constant at most " + String.format(java.util.Locale.ROOT, "%,d",
                            MAX_CONSTANT_BYTES) + " (fewer layers or nodes, or shorter"
                    + " names)");
        }
    }

    private static Graph forward(Description spec) {
        return spec instanceof GraphSpec graph ? SpecToGraph.build(graph, header(spec))
                : LayerToGraph.build((NetworkSpec) spec, header(spec));
    }

    /**
     * SHA-256 of what a trained state depends on: the forward graph IR (layers, activations,
     * loss, names, shapes, expressions) and the precision, not the file's name, comments,
     * training settings or starting values. Checkpoints record it.
     */
    public static String fingerprint(Description spec) {
        String canonical = "precision " + spec.precision().spelling() + "\n"
                + GraphText.print(forward(spec));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * Compiles a class that starts with {@code bakedWeights} instead of zeros, for inference-only
     * deployment: it predicts with no weights file. The weights are packed into a few string
     * constants ({@link WeightPacking}) that the constructor decodes once, so even a
     * 784-256-128-10 network keeps a constructor of a few hundred bytes.
     *
     * <pre>{@code
     * Weights trained = WeightsJson.read(new File("mnist.weights.json"));
     * LoweredClass lowered = Chainrule.compile(spec, trained).lowered();
     * }</pre>
     *
     * @throws dev.chainrule.runtime.DataException naming, at its place in the weights file, the
     *     first parameter that is unknown, missing or of another shape than the description's
     */
    public static Compilation compile(Description spec, Weights bakedWeights) {
        Compilation plain = compile(spec);
        List<Node> params = plain.optimized().leaves(Role.PARAM);
        bakedWeights.checkFits(spec.name(),
                params.stream().map(p -> ((Leaf) p.op()).name()).toArray(String[]::new),
                params.stream().map(p -> p.shape().dims().stream().mapToInt(d -> d).toArray())
                        .toArray(int[][]::new));
        bakedWeights.checkRange(plain.lowered().doublePrecision());
        List<String> packed = WeightPacking.pack(plain.optimized(), bakedWeights);
        List<String> header = new ArrayList<>(plain.lowered().header());
        header.add(WeightPacking.describe(packed, plain.lowered().doublePrecision()));
        return new Compilation(spec, plain.forward(), plain.differentiated(), plain.optimized(),
                plain.lowered().withPackedParameters(header, packed));
    }

    /** Header of every generated class: enough to tell which description and compiler made it. */
    public static List<String> header(Description spec) {
        return List.of(
                "Generated by Chainrule " + version() + " from " + fileName(spec)
                        + ". Do not edit.",
                "Description sha256: " + spec.sha256(),
                spec instanceof GraphSpec graph ? "Graph: " + summary(graph)
                        : "Network: " + summary((NetworkSpec) spec));
    }

    /** The description's file name without its directory, so output is the same from any cwd. */
    static String fileName(Description spec) {
        String name = spec.source().displayName();
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        return name.substring(slash + 1);
    }

    /** Like {@code 784 -> 128 relu -> 10 softmax, softmax_cross_entropy, float}. */
    public static String summary(NetworkSpec spec) {
        StringBuilder out = new StringBuilder().append(spec.inputSize());
        spec.layers().forEach(l -> out.append(" -> ").append(l.units()).append(' ')
                .append(l.activation().spelling()));
        return out.append(", ").append(spec.loss().spelling()).append(", ")
                .append(spec.precision().spelling()).toString();
    }

    /** Like {@code 2 inputs, 0 targets, 0 params, 3 nodes; output e, loss e, double}. */
    public static String summary(GraphSpec spec) {
        return spec.inputs().size() + " inputs, " + spec.targets().size() + " targets, "
                + spec.params().size() + " params, " + spec.nodes().size() + " nodes; output "
                + spec.output().name() + ", loss " + spec.loss().name() + ", "
                + spec.precision().spelling();
    }

    public static String version() {
        Properties p = new Properties();
        try (InputStream in = Chainrule.class.getResourceAsStream("chainrule.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version", "dev");
    }
}
