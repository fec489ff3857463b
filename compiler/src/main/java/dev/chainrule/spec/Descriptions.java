package dev.chainrule.spec;

import dev.chainrule.spec.SpecNode.MapNode;
import dev.chainrule.spec.graph.GraphSpec;
import dev.chainrule.spec.graph.GraphValidator;
import java.nio.file.Path;

/**
 * Reads a description of either form into a validated {@link Description}: a document with a
 * {@code graph} key is a graph description ({@link GraphSpec}), anything else the layer form
 * ({@link NetworkSpec}, exactly as {@link SpecParser} reads it).
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
        return parse(SpecParser.read(file));
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
