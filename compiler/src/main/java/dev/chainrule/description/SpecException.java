package dev.chainrule.description;

/**
 * A description that cannot be read or is not valid, with a one-line message a user can act on:
 *
 * <pre>
 * net.yaml:7:17: layers[1].activation: unknown activation 'rleu' (expected one of identity,
 *     sigmoid, tanh, relu, softmax; did you mean 'relu'?)
 * net.yaml:3:3: unknown key 'lerning_rate' in training (did you mean 'learning_rate'?)
 * net.yaml: file not found
 * </pre>
 *
 * <p>(The first message is one line, wrapped here.) The form is
 * {@code <file>:<line>:<column>: <key path>: <problem>}. Lines and columns are 1-based; the
 * position is that of the offending value, key, or (for a missing key) the enclosing mapping.
 * The key path uses 0-based list indices ({@code layers[0]} is the first layer, whose default
 * name is {@code layer1}) and is left out when the problem names its own place, as unknown
 * keys do. The position is left out when there is none (a missing file).
 *
 * <p>Unchecked: a bad description is an input error the CLI reports and exits on, not
 * something callers recover from locally; the CLI catches it once at the top.
 */
public final class SpecException extends RuntimeException {

    private final String file;
    private final int line;
    private final int column;
    private final String path;
    private final String problem;

    SpecException(String file, int line, int column, String path, String problem) {
        super(format(file, line, column, path, problem));
        this.file = file;
        this.line = line;
        this.column = column;
        this.path = path;
        this.problem = problem;
    }

    /** A problem at a node of the description tree. */
    public static SpecException at(SpecPosition position, String path, String problem) {
        return new SpecException(
                position.source(), position.line(), position.column(), path, problem);
    }

    /**
     * A problem at a place later stages know only by its file, line, column and key path, such
     * as a shape mismatch the graph builder finds inside an expression.
     */
    public static SpecException at(String file, int line, int column, String path,
                                   String problem) {
        return new SpecException(file, line, column, path, problem);
    }

    /** A problem with the file as a whole, without a position. */
    public static SpecException inFile(String file, String problem) {
        return new SpecException(file, 0, 0, "", problem);
    }

    /**
     * The one-line message; any control character or line separator that slipped through
     * becomes a space.
     */
    private static String format(String file, int line, int column, String path, String problem) {
        StringBuilder message = new StringBuilder(file);
        if (line > 0) {
            message.append(':').append(line).append(':').append(column);
        }
        message.append(": ");
        if (!path.isEmpty()) {
            message.append(path).append(": ");
        }
        message.append(problem);
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                message.setCharAt(i, ' ');
            }
        }
        return message.toString();
    }

    /** The description's display name, e.g. {@code net.yaml}. */
    public String file() {
        return file;
    }

    /** 1-based line, or 0 when the problem has no position. */
    public int line() {
        return line;
    }

    /** 1-based column, or 0 when the problem has no position. */
    public int column() {
        return column;
    }

    /** Key path such as {@code layers[1].activation}; empty when the problem has none. */
    public String path() {
        return path;
    }

    /** What is wrong and what was expected, without file, position or key path. */
    public String problem() {
        return problem;
    }
}
