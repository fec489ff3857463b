package dev.chainrule.description;

import dev.chainrule.onnx.OnnxImport;
import dev.chainrule.runtime.Weights;
import dev.chainrule.description.SpecNode.MapNode;
import dev.chainrule.description.graph.GraphSpec;
import dev.chainrule.description.graph.GraphValidator;
import java.nio.file.Path;

/**
 * Reads a description of either form into a validated {@link Description}: a document with a
 * {@code graph} key is a graph description ({@link GraphSpec}), anything else the layer form
 * ({@link NetworkSpec}, exactly as {@link SpecParser} reads it). A {@code .onnx} file is
 * imported ({@link OnnxImport}) into a graph description.
 *
 * <pre>{@code
 * Description description = Descriptions.parse(Path.of("samples/graphs/seed.yaml"));
 * GraphSpec seed = (GraphSpec) description;
 * System.out.println(seed.nodes().size() + " nodes, output " + seed.output().name());
 * }</pre>
 *
 * <p>Every failure is a {@link SpecException} with a one-line, located message.
 */
public final class Descriptions {

    /** The key that makes a document a graph description. */
    public static final String GRAPH_KEY = "graph";

    private Descriptions() {}

    /**
     * Parses the description in {@code file}; relative data paths in it are resolved against
     * the file's directory. Messages name the file as {@code file.toString()}.
     *
     * @throws SpecException if the file cannot be read or is not a valid description
     */
    public static Description parse(Path file) {
        if (file.getFileName() != null && file.getFileName().toString().endsWith(".onnx")) {
            return OnnxImport.description(file, null);
        }
        return parse(SpecParser.read(file));
    }

    /**
     * Parses graph description text whose params and constants take their values from
     * {@code values} (how an imported ONNX model's initializers arrive).
     */
    public static GraphSpec parseGraph(String content, String displayName, Path baseDirectory,
                                       Weights values) {
        SpecSource source = SpecParser.source(content, displayName, baseDirectory);
        return GraphValidator.validate(SpecParser.tree(source), source, values);
    }

    /**
     * Parses description text.
     *
     * @param content the description
     * @param displayName name for messages, e.g. {@code net.yaml}; a {@code .json} ending
     *     selects JSON
     * @param baseDirectory directory that relative data paths are resolved against; {@code null}
     *     for the working directory
     * @throws SpecException if the text is not a valid description
     */
    public static Description parse(String content, String displayName, Path baseDirectory) {
        return parse(SpecParser.source(content, displayName, baseDirectory));
    }

    private static Description parse(SpecSource source) {
        SpecNode root = SpecParser.tree(source);
        if (isGraph(root)) {
            return GraphValidator.validate(root, source);
        }
        return SpecValidator.validate(root, source);
    }

    private static boolean isGraph(SpecNode root) {
        return root instanceof MapNode map && map.entry(GRAPH_KEY).isPresent();
    }
}
