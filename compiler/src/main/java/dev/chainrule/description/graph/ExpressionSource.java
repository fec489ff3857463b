package dev.chainrule.description.graph;

import dev.chainrule.description.SpecException;

/**
 * The text of one expression and where it sits in the description file, so the parser can
 * point at the character where something is wrong.
 *
 * <p>When the text is written on one line exactly as it reads (a plain or quoted scalar without
 * escapes), {@code column} is that of its first character and offsets map one to one onto
 * columns. Otherwise (a folded or multi-line scalar, escapes) there is no such mapping, and
 * every offset maps to the scalar's start.
 *
 * @param text the expression as YAML or JSON gave it (quotes removed)
 * @param file display name of the description
 * @param line 1-based line of the first character (or of the scalar)
 * @param column 1-based column of the first character (or of the scalar)
 * @param path key path of the expression, such as {@code graph.e}
 * @param exact whether offsets map onto columns
 */
public record ExpressionSource(String text, String file, int line, int column, String path,
                               boolean exact) {

    /** Where the character at {@code offset} (0-based, may be the end) is in the file. */
    public SourceLocation at(int offset) {
        return new SourceLocation(file, line, exact ? column + offset : column, path);
    }

    /** A located error at {@code offset}. */
    SpecException error(int offset, String problem) {
        SourceLocation location = at(offset);
        return SpecException.at(location.file(), location.line(), location.column(),
                location.path(), problem);
    }

    /** A located error at an AST node's location. */
    static SpecException error(SourceLocation location, String problem) {
        return SpecException.at(location.file(), location.line(), location.column(),
                location.path(), problem);
    }
}
