package dev.chainrule.runtime;

/**
 * A data, weights or description file that cannot be used. The message is one line that starts
 * with where the problem is, compiler style, so editors and terminals can jump to it:
 * {@code <file>:<line>:<column>: <message>}, or {@code <file>:<line>: <message>} for a whole
 * line, or {@code <file>: <message>} for the whole file.
 *
 * <pre>{@code
 * try {
 *     Dataset train = CsvLoader.load(new File("train.csv"), 4, 3, true);
 * } catch (DataException e) {
 *     System.err.println(e.getMessage());   // train.csv:3:7: expected a number, got 'abc'
 * }
 * }</pre>
 */
public class DataException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code <file>:<line>:<column>: <message>}; lines and columns count from 1. */
    public static DataException at(String file, int line, int column, String message) {
        return new DataException(file + ":" + line + ":" + column + ": " + message);
    }

    /** {@code <file>:<line>: <message>}, for a problem with a whole line. */
    public static DataException atLine(String file, int line, String message) {
        return new DataException(file + ":" + line + ": " + message);
    }
}
