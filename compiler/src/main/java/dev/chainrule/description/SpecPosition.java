package dev.chainrule.description;

/** Where a node starts in a description: display name, 1-based line and column. */
public record SpecPosition(String source, int line, int column) {}
