package dev.chainrule.description;

/**
 * The sizes a description may have, checked while it is read, so that what the JVM cannot hold
 * (a class of at most 65,535 constants, strings of at most 65,535 bytes, methods of at most
 * 64 KB) is a located error naming the limit, not a failure deep in code generation. Parameter
 * counts have their own limits ({@link NetworkSpec#MAX_PARAMETERS}).
 */
public final class Limits {

    /** Layers in a layer description: 500 two-unit layers still make one class. */
    public static final int MAX_LAYERS = 500;
    /** Nodes in a graph description: a 5,000-node chain compiles in seconds. */
    public static final int MAX_GRAPH_NODES = 5_000;
    /** Characters in a name that becomes a Java identifier (class, package, layer, node). */
    public static final int MAX_NAME_LENGTH = 255;

    private Limits() {}

    /** Why a count is over its limit, or null: {@code 3,000 layers (at most 500)}. */
    public static String countProblem(int count, int limit, String what) {
        return count <= limit ? null : "too many " + what + ": " + Messages.count(count)
                + " (at most " + Messages.count(limit) + ")";
    }

    /** Why a name is too long, or null. */
    public static String nameLengthProblem(String name) {
        return name.length() <= MAX_NAME_LENGTH ? null : "a name of " + Messages.count(
                name.length()) + " characters (at most " + MAX_NAME_LENGTH + "): "
                + Messages.quote(name);
    }
}
