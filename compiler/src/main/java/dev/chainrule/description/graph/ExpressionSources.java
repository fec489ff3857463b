package dev.chainrule.description.graph;

import dev.chainrule.description.SpecNode.ScalarNode;
import dev.chainrule.description.SpecPosition;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds where an expression's characters are in the description file. YAML and JSON report only
 * where a scalar starts (at its opening quote, if quoted); this looks at the raw line there and,
 * when the scalar's text is written out on it verbatim (plain, or quoted without escapes), maps
 * each character to its column. For anything else (folded, multi-line or escaped scalars) the
 * mapping would be a guess, so errors point at the scalar's start instead.
 */
final class ExpressionSources {

    private final String body;
    /** Offset of each line's first character; lines end at \n, \r\n or \r, as the readers count. */
    private final List<Integer> lineStarts = new ArrayList<>();

    /** @param text the whole description, as read */
    ExpressionSources(String text) {
        body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        lineStarts.add(0);
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            boolean crlf = c == '\r' && i + 1 < body.length() && body.charAt(i + 1) == '\n';
            if (c == '\n' || (c == '\r' && !crlf)) {
                lineStarts.add(i + 1);
            }
        }
    }

    ExpressionSource of(ScalarNode scalar, String path) {
        SpecPosition position = scalar.position();
        String text = scalar.text();
        String line = line(position.line());
        int at = position.column() - 1;
        if (line != null && at < line.length() && text.indexOf('\n') < 0) {
            char first = line.charAt(at);
            boolean quoted = first == '"' || first == '\'';
            if (quoted && line.startsWith(text, at + 1)
                    && at + 1 + text.length() < line.length()
                    && line.charAt(at + 1 + text.length()) == first) {
                return new ExpressionSource(text, position.source(), position.line(),
                        position.column() + 1, path, true);
            }
            if (!quoted && line.startsWith(text, at)) {
                return new ExpressionSource(text, position.source(), position.line(),
                        position.column(), path, true);
            }
        }
        return new ExpressionSource(text, position.source(), position.line(),
                position.column(), path, false);
    }

    /** Line {@code number} (1-based) without its line break, or {@code null} past the end. */
    private String line(int number) {
        if (number < 1 || number > lineStarts.size()) {
            return null;
        }
        int start = lineStarts.get(number - 1);
        int end = start;
        while (end < body.length() && body.charAt(end) != '\n' && body.charAt(end) != '\r') {
            end++;
        }
        return body.substring(start, end);
    }
}
