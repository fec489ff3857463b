package dev.chainrule.runtime;

/**
 * The lexical side of {@link JsonReader}: a position in the text that knows its line and column,
 * and the tokens (numbers, strings, literals) read at it, each error naming where it is.
 */
final class JsonText {

    private final String text;
    private final String name;
    private int pos;
    private int line = 1;
    private int lineStart;

    JsonText(String text, String name) {
        // A byte order mark is not JSON, but editors write one; it is invisible, so skip it.
        this.text = text.startsWith("\uFEFF") ? text.substring(1) : text;
        this.name = name;
    }

    /** Line of the next token, from 1. */
    int line() {
        skipWhitespace();
        return line;
    }

    /** Column of the next token, from 1. */
    int column() {
        skipWhitespace();
        return pos - lineStart + 1;
    }

    /** An error at the next token. */
    DataException error(String message) {
        skipWhitespace();
        return DataException.at(name, line, pos - lineStart + 1, message);
    }

    /** An error at a position read earlier with {@link #line()} and {@link #column()}. */
    DataException errorAt(int line, int column, String message) {
        return DataException.at(name, line, column, message);
    }

    /** The character at the position, or 0 at the end (no whitespace skipped). */
    char current() {
        return pos < text.length() ? text.charAt(pos) : 0;
    }

    /** True if the character at the position is {@code c}. */
    boolean at(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    boolean atEnd() {
        return pos >= text.length();
    }

    /** Steps past the current character. */
    void advance() {
        pos++;
    }

    /** A number at the position, which is its first character. */
    double number() {
        int start = pos;
        int column = pos - lineStart + 1;
        if (text.charAt(pos) == '-') {
            pos++;
        }
        boolean valid;
        if (pos < text.length() && text.charAt(pos) == '0') {
            pos++; // a leading zero stands alone: "01" is not JSON
            valid = true;
        } else {
            valid = digits() > 0;
        }
        if (valid && pos < text.length() && text.charAt(pos) == '.') {
            pos++;
            valid = digits() > 0;
        }
        if (valid && pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            pos++;
            if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                pos++;
            }
            valid = digits() > 0;
        }
        // Anything number-like glued on spoils the whole token: "01", "1.5.2", "2d", "1e".
        while (pos < text.length() && isWordChar(text.charAt(pos))) {
            pos++;
            valid = false;
        }
        String number = text.substring(start, pos);
        if (!valid) {
            throw errorAt(line, column, "invalid number '" + number + "'");
        }
        double value = Double.parseDouble(number);
        if (Double.isInfinite(value)) {
            throw errorAt(line, column, "number '" + number + "' is out of range");
        }
        return value;
    }

    void literal(String word) {
        int end = pos + word.length();
        if (!text.startsWith(word, pos) || end < text.length() && isWordChar(text.charAt(end))) {
            throw error("expected a value, got " + describeNext());
        }
        pos += word.length();
    }

    /** A string at {@code pos}, which is its opening quote. */
    String string() {
        int column = pos - lineStart + 1;
        pos++;
        StringBuilder s = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw DataException.at(name, line, column, "unterminated string");
            }
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                return s.toString();
            }
            if (c < 0x20) {
                throw DataException.at(name, line, pos - lineStart + 1,
                        "control character in a string (write it as an escape such as \\n)");
            }
            if (c != '\\') {
                s.append(c);
                pos++;
                continue;
            }
            int escapeColumn = pos - lineStart + 1;
            char e = pos + 1 < text.length() ? text.charAt(pos + 1) : 0;
            pos += 2;
            switch (e) {
                case '"': s.append('"'); break;
                case '\\': s.append('\\'); break;
                case '/': s.append('/'); break;
                case 'b': s.append('\b'); break;
                case 'f': s.append('\f'); break;
                case 'n': s.append('\n'); break;
                case 'r': s.append('\r'); break;
                case 't': s.append('\t'); break;
                case 'u':
                    if (pos + 4 > text.length() || !isHex(text.substring(pos, pos + 4))) {
                        throw DataException.at(name, line, escapeColumn,
                                "bad escape: \\u must be followed by 4 hex digits");
                    }
                    s.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                    pos += 4;
                    break;
                default:
                    throw DataException.at(name, line, escapeColumn, "bad escape '\\"
                            + (e == 0 ? "" : String.valueOf(e)) + "' in a string");
            }
        }
    }

    void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\n') {
                line++;
                lineStart = pos + 1;
            } else if (c != ' ' && c != '\t' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private int digits() {
        int start = pos;
        while (pos < text.length() && isDigit(text.charAt(pos))) {
            pos++;
        }
        return pos - start;
    }

    /** The upcoming token, quoted, for messages: a word or number whole, else one character. */
    String describeNext() {
        if (pos >= text.length()) {
            return "end of input";
        }
        int end = pos;
        while (end < text.length() && end - pos < 20 && isWordChar(text.charAt(end))) {
            end++;
        }
        return "'" + (end > pos ? text.substring(pos, end) : text.substring(pos, pos + 1)) + "'";
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Characters that continue a number or bare word, so messages and checks take it whole. */
    private static boolean isWordChar(char c) {
        return isDigit(c) || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '.' || c == '+'
                || c == '-' || c == '_';
    }

    /** ASCII hex digits only ({@link Character#digit} would also take other scripts' digits). */
    private static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isDigit(c) && !(c >= 'a' && c <= 'f') && !(c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }
}
