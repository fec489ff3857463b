package dev.chainrule.spec.graph;

import dev.chainrule.spec.SpecNode.ScalarNode;
import dev.chainrule.spec.SpecPosition;
import dev.chainrule.spec.SpecSource;

/**
 * Finds where an expression's characters are in the description file. YAML and JSON report only
 * where a scalar starts (at its opening quote, if quoted); this looks at the raw line there and,
 * when the scalar's text is written out on it verbatim (plain, or quoted without escapes), maps
 * each character to its column. For anything else (folded, multi-line or escaped scalars) the
 * mapping would be a guess, so errors point at the scalar's start instead.
 */
final class ExpressionSources {

    private ExpressionSources() {}

    static ExpressionSource of(ScalarNode scalar, SpecSource source, String path) {
        SpecPosition position = scalar.position();
        String text = scalar.text();
        String line = line(source.text(), position.line());
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

    /** Line {@code number} (1-based) of {@code text}, as the YAML and JSON readers count. */
    private static String line(String text, int number) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        int start = 0;
        for (int line = 1; line < number; line++) {
            int next = nextLineStart(body, start);
            if (next < 0) {
                return null;
            }
            start = next;
        }
        int end = start;
        while (end < body.length() && body.charAt(end) != '\n' && body.charAt(end) != '\r') {
            end++;
        }
        return body.substring(start, end);
    }

    private static int nextLineStart(String body, int from) {
        for (int i = from; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\n') {
                return i + 1;
            }
            if (c == '\r') {
                return i + 1 < body.length() && body.charAt(i + 1) == '\n' ? i + 2 : i + 1;
            }
        }
        return -1;
    }
}
