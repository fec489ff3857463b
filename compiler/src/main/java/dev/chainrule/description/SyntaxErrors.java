package dev.chainrule.description;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.reader.ReaderException;

/**
 * Turns a YAML or JSON syntax error from Jackson (or SnakeYAML beneath it) into a one-line,
 * located {@link SpecException} that names no library class or setting.
 */
final class SyntaxErrors {

    private static final Pattern SOURCE_REFERENCE =
            Pattern.compile("\\[Source: [^\\]]*?; line: (\\d+)(?:, column: (\\d+))?\\]");
    private static final Pattern FEATURE_HINT = Pattern.compile(
            ":? ?(\\(not recognized as one since Feature '[^']*' not enabled for parser\\)"
                    + "|enable `[^`]*` to allow)");
    private static final Pattern LIBRARY_NAME =
            Pattern.compile("`|Feature|jackson|snakeyaml|\\b(com|org|java)\\.[a-z]");

    private SyntaxErrors() {}

    static SpecException from(JsonProcessingException error, String source, String text,
            boolean json) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
                return fromYaml(marked, source);
            }
            if (cause instanceof ReaderException reader) {
                return fromYamlReader(reader, source, text);
            }
        }
        String original = error.getOriginalMessage();
        String problem = original != null && original.startsWith("Expected a field name")
                ? "keys must be plain names, not lists or mappings"
                : clean(original, json ? "malformed JSON" : "malformed YAML");
        JsonLocation location = error.getLocation();
        int line = location == null ? 0 : Math.max(location.getLineNr(), 1);
        int column = location == null ? 0 : Math.max(location.getColumnNr(), 1);
        return new SpecException(source, line, column, "", problem);
    }

    private static SpecException fromYaml(MarkedYAMLException error, String source) {
        Mark problemMark = error.getProblemMark();
        String problem = clean(error.getProblem(), "malformed YAML");
        if (problem.contains("(TAB)")) {
            problem = "found a tab that cannot start any token (indent with spaces, not tabs)";
        } else if (problem.startsWith("mapping values are not allowed")) {
            problem += " (check the indentation, or quote a value that contains ': ')";
        }
        Mark contextMark = error.getContextMark();
        if (error.getContext() != null && contextMark != null) {
            problem += " (" + clean(error.getContext(), "while parsing") + " at line "
                    + (contextMark.getLine() + 1) + ", column " + (contextMark.getColumn() + 1)
                    + (problem.contains("block") ? "; check the indentation" : "") + ")";
        }
        return new SpecException(source, problemMark.getLine() + 1, problemMark.getColumn() + 1,
                "", problem);
    }

    private static SpecException fromYamlReader(ReaderException error, String source,
            String text) {
        int offset = text.offsetByCodePoints(0,
                Math.min(error.getPosition(), text.codePointCount(0, text.length())));
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        int column = text.codePointCount(lineStart, offset) + 1;
        return new SpecException(source, line, column, "", String.format(Locale.ROOT,
                "character U+%04X is not allowed in YAML text (write it as an escape in a"
                        + " double-quoted string)", error.getCodePoint()));
    }

    /** First line, positions in our words, library hints removed, lower-case start. */
    private static String clean(String message, String fallback) {
        if (message == null || message.isBlank()) {
            return fallback;
        }
        String line = message.strip().lines().findFirst().orElse(fallback);
        line = SOURCE_REFERENCE.matcher(line).replaceAll(reference -> "line "
                + reference.group(1)
                + (reference.group(2) == null ? "" : ", column " + reference.group(2)));
        line = line.replaceAll("end-of-input(?=[A-Z])", "end-of-input: ");
        line = FEATURE_HINT.matcher(line).replaceAll("").strip();
        if (line.endsWith(".")) {
            line = line.substring(0, line.length() - 1);
        }
        if (line.isEmpty() || LIBRARY_NAME.matcher(line).find()) {
            return fallback;
        }
        return Character.toLowerCase(line.charAt(0)) + line.substring(1);
    }
}
