package dev.chainrule.description.graph;

/**
 * A place in a description file: its display name, 1-based line and column, and the key path
 * of the entry it belongs to (such as {@code graph.e}).
 */
public record SourceLocation(String file, int line, int column, String path) {}
