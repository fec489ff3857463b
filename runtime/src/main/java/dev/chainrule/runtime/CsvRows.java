package dev.chainrule.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;

/**
 * The data rows of a CSV text, for {@link CsvLoader}: one at a time, split into fields by index
 * so a value is parsed without regex or per-field objects (8,000 x 784 values must stay fast).
 * Skips a header line and trailing blank lines; errors name the line and column.
 */
final class CsvRows {

    /** Longest piece of a bad value quoted in a message. */
    private static final int QUOTE_LIMIT = 40;

    private final BufferedReader in;
    private final String name;
    /** For a float network: a value that rounds to infinity as a float is an error. */
    private final boolean floatRange;
    private String line;
    private int lineNumber;
    private int firstBlankLine;
    private boolean headerSkipped;
    private int fieldCount;
    /** Start (inclusive) and end (exclusive) of each field, trimmed of spaces and tabs. */
    private int[] starts = new int[16];
    private int[] ends = new int[16];

    CsvRows(Reader reader, String name) {
        this(reader, name, false);
    }

    CsvRows(Reader reader, String name, boolean floatRange) {
        this.in = reader instanceof BufferedReader
                ? (BufferedReader) reader : new BufferedReader(reader, 1 << 16);
        this.name = name;
        this.floatRange = floatRange;
    }

    /** Advances to the next data row; false at the end. */
    boolean next() {
        while (true) {
            try {
                line = in.readLine();
            } catch (IOException e) {
                throw DataFiles.readError(name, e);
            }
            if (line == null) {
                return false;
            }
            lineNumber++;
            if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1); // UTF-8 byte order mark, as spreadsheets write
            }
            if (line.trim().isEmpty()) {
                if (firstBlankLine == 0) {
                    firstBlankLine = lineNumber;
                }
                continue;
            }
            if (firstBlankLine != 0) {
                throw DataException.atLine(name, firstBlankLine,
                        "blank line between rows (blank lines may only end the file)");
            }
            split();
            if (lineNumber == 1 && isHeader()) {
                headerSkipped = true;
                continue;
            }
            return true;
        }
    }

    int fieldCount() {
        return fieldCount;
    }

    /** Parses {@code count} fields from field {@code first} on into {@code into}. */
    void numbers(int first, double[] into, int count) {
        for (int k = 0; k < count; k++) {
            into[k] = number(first + k);
        }
    }

    /** Field {@code field} as a class index in {@code [0, classes)}. */
    int classIndex(int field, int classes) {
        double value = number(field);
        // The field's text is only for messages: cut it out on a bad row, not on every row.
        if (value != Math.rint(value)) {
            throw at(field, "class index must be a whole number, got '" + text(field) + "'");
        }
        if (value < 0 || value >= classes) {
            throw lineError("class index " + text(field) + " out of range 0.." + (classes - 1));
        }
        return (int) value;
    }

    void requireRows(int rows) {
        if (rows == 0) {
            throw new DataException(name + (headerSkipped
                    ? ": no data rows after the header line" : ": file is empty"));
        }
    }

    DataException lineError(String message) {
        return DataException.atLine(name, lineNumber, message);
    }

    private DataException at(int field, String message) {
        return DataException.at(name, lineNumber, starts[field] + 1, message);
    }

    private void split() {
        fieldCount = 0;
        int from = 0;
        while (true) {
            int comma = line.indexOf(',', from);
            int to = comma < 0 ? line.length() : comma;
            addField(from, to);
            if (comma < 0) {
                return;
            }
            from = comma + 1;
        }
    }

    private void addField(int from, int to) {
        while (from < to && isBlank(line.charAt(from))) {
            from++;
        }
        while (to > from && isBlank(line.charAt(to - 1))) {
            to--;
        }
        if (fieldCount == starts.length) {
            starts = Arrays.copyOf(starts, 2 * fieldCount);
            ends = Arrays.copyOf(ends, 2 * fieldCount);
        }
        starts[fieldCount] = from;
        ends[fieldCount] = to;
        fieldCount++;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    private boolean isHeader() {
        for (int f = 0; f < fieldCount; f++) {
            if (isDecimal(f)) {
                return false;
            }
        }
        return true;
    }

    private String text(int field) {
        return line.substring(starts[field], ends[field]);
    }

    private double number(int field) {
        int start = starts[field];
        int end = ends[field];
        // Fast path for short whole numbers (pixel values, class indices): exact, no substring.
        int digitsFrom = start < end && line.charAt(start) == '-' ? start + 1 : start;
        if (end > digitsFrom && end - digitsFrom <= 9) {
            int value = 0;
            int i = digitsFrom;
            while (i < end && isDigit(line.charAt(i))) {
                value = 10 * value + (line.charAt(i) - '0');
                i++;
            }
            if (i == end) {
                return digitsFrom == start ? value : -(double) value; // "-0" stays -0.0
            }
        }
        if (start == end) {
            throw at(field, "expected a number, got an empty value");
        }
        if (!isDecimal(field)) {
            String text = text(field);
            String unsigned = text.startsWith("-") || text.startsWith("+")
                    ? text.substring(1) : text;
            if (unsigned.equalsIgnoreCase("nan") || unsigned.equalsIgnoreCase("inf")
                    || unsigned.equalsIgnoreCase("infinity")) {
                throw at(field, "value '" + text + "' is not a finite number");
            }
            throw at(field, "expected a number, got '" + quote(text) + "'");
        }
        double value = Double.parseDouble(text(field));
        if (Double.isInfinite(value)) {
            throw at(field, "value '" + text(field) + "' is not a finite number");
        }
        if (floatRange && Float.isInfinite((float) value)) {
            throw at(field, "value '" + text(field) + "' is beyond the range of this float"
                    + " network (at most " + Float.MAX_VALUE + " in magnitude)");
        }
        return value;
    }

    /**
     * Plain decimal syntax: {@code [+-] digits [. digits] [(e|E) [+-] digits]} with a digit
     * in the mantissa. Checked first because {@link Double#parseDouble} also takes
     * {@code NaN}, {@code Infinity}, hex and {@code 1d}/{@code 1f} suffixes.
     */
    private boolean isDecimal(int field) {
        int end = ends[field];
        int digitsFrom = skipSign(starts[field], end);
        int i = skipDigits(digitsFrom, end);
        int digits = i - digitsFrom;
        if (i < end && line.charAt(i) == '.') {
            int fractionFrom = i + 1;
            i = skipDigits(fractionFrom, end);
            digits += i - fractionFrom;
        }
        if (digits == 0) {
            return false;
        }
        if (i < end && (line.charAt(i) == 'e' || line.charAt(i) == 'E')) {
            int exponentFrom = skipSign(i + 1, end);
            i = skipDigits(exponentFrom, end);
            if (i == exponentFrom) {
                return false; // no exponent digits
            }
        }
        return i == end;
    }

    /** Past an optional {@code +} or {@code -} at {@code i}. */
    private int skipSign(int i, int end) {
        return i < end && (line.charAt(i) == '-' || line.charAt(i) == '+') ? i + 1 : i;
    }

    /** Past the run of digits from {@code i}. */
    private int skipDigits(int i, int end) {
        while (i < end && isDigit(line.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static String quote(String text) {
        return text.length() <= QUOTE_LIMIT ? text : text.substring(0, QUOTE_LIMIT) + "...";
    }
}
