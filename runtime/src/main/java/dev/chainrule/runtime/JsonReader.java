package dev.chainrule.runtime;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict JSON (RFC 8259) pull reader that knows where it is, so every error, syntactic or
 * the caller's, reads {@code <file>:<line>:<column>: <message>}. No comments, no trailing
 * commas, no NaN. Callers walk the document:
 *
 * <pre>{@code
 * JsonReader json = new JsonReader(reader, "weights.json");
 * json.beginObject();
 * while (json.hasNext()) {
 *     String name = json.nextName();
 *     double value = json.nextDouble();
 * }
 * json.endObject();
 * json.endDocument();
 * }</pre>
 *
 * or take a whole value as plain Java objects with {@link #readValue()}.
 */
final class JsonReader {

    /** What the next value is, judged from its first character. */
    enum Kind { OBJECT, ARRAY, STRING, NUMBER, TRUE, FALSE, NULL }

    /** Container states: nothing read yet, an element just read, a comma or a name just read. */
    private static final int EMPTY = 0;
    private static final int AFTER_ELEMENT = 1;
    private static final int AFTER_COMMA = 2;
    private static final int AFTER_NAME = 3;
    private static final int MAX_DEPTH = 512;

    private final String text;
    private final String name;
    private int pos;
    private int line = 1;
    private int lineStart;
    /** Open containers: '{' or '[' and their state, innermost last. */
    private final char[] open = new char[MAX_DEPTH];
    private final int[] state = new int[MAX_DEPTH];
    private int depth;

    JsonReader(Reader reader, String name) {
        this(readAll(reader, name), name);
    }

    JsonReader(String text, String name) {
        // A byte order mark is not JSON, but editors write one; it is invisible, so skip it.
        this.text = text.startsWith("\uFEFF") ? text.substring(1) : text;
        this.name = name;
    }

    private static String readAll(Reader reader, String name) {
        StringBuilder s = new StringBuilder();
        char[] buffer = new char[1 << 16];
        try {
            for (int n; (n = reader.read(buffer)) >= 0; ) {
                s.append(buffer, 0, n);
            }
        } catch (IOException e) {
            throw DataFiles.readError(name, e);
        }
        return s.toString();
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

    /** The kind of the next value; an error if what comes next cannot start a value. */
    Kind peek() {
        if (depth > 0 && open[depth - 1] == '[' && !hasNext()) {
            throw error("expected a value, got ']'");
        }
        Kind kind = kindOfNext();
        if (kind == null) {
            throw error("expected a value, got " + describeNext());
        }
        return kind;
    }

    /** Like {@link #peek}, but null where no value can start. */
    private Kind kindOfNext() {
        skipWhitespace();
        char c = pos < text.length() ? text.charAt(pos) : 0;
        switch (c) {
            case '{': return Kind.OBJECT;
            case '[': return Kind.ARRAY;
            case '"': return Kind.STRING;
            case 't': return Kind.TRUE;
            case 'f': return Kind.FALSE;
            case 'n': return Kind.NULL;
            default: return c == '-' || isDigit(c) ? Kind.NUMBER : null;
        }
    }

    void beginObject() {
        begin('{', Kind.OBJECT, "an object");
    }

    void beginArray() {
        begin('[', Kind.ARRAY, "an array");
    }

    void endObject() {
        end('}');
    }

    void endArray() {
        end(']');
    }

    /**
     * True if the current object or array has another element; consumes the comma before it.
     * May be called more than once before reading the element.
     */
    boolean hasNext() {
        if (depth == 0) {
            throw new IllegalStateException("not in an object or array");
        }
        skipWhitespace();
        char close = open[depth - 1] == '{' ? '}' : ']';
        int s = state[depth - 1];
        if (s == AFTER_COMMA) {
            return true;
        }
        if (pos < text.length() && text.charAt(pos) == close) {
            return false;
        }
        if (s == AFTER_ELEMENT) {
            if (pos >= text.length() || text.charAt(pos) != ',') {
                throw error("expected ',' or '" + close + "', got " + describeNext());
            }
            pos++;
            skipWhitespace();
            if (pos < text.length() && text.charAt(pos) == close) {
                throw error((close == '}' ? "expected a name" : "expected a value")
                        + " after ',', got '" + close + "'");
            }
        }
        state[depth - 1] = AFTER_COMMA;
        return true;
    }

    /** The next member's name, and the colon after it. */
    String nextName() {
        if (depth == 0 || open[depth - 1] != '{') {
            throw new IllegalStateException("not in an object");
        }
        if (!hasNext()) {
            throw error("expected a name, got '}'");
        }
        if (pos >= text.length() || text.charAt(pos) != '"') {
            throw error("expected a name in double quotes, got " + describeNext());
        }
        String result = string();
        skipWhitespace();
        if (pos >= text.length() || text.charAt(pos) != ':') {
            throw error("expected ':' after the name, got " + describeNext());
        }
        pos++;
        state[depth - 1] = AFTER_NAME;
        return result;
    }

    double nextDouble() {
        expectValue(Kind.NUMBER, "a number");
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
            throw DataException.at(name, line, column, "invalid number '" + number + "'");
        }
        double value = Double.parseDouble(number);
        if (Double.isInfinite(value)) {
            throw DataException.at(name, line, column, "number '" + number + "' is out of range");
        }
        return value;
    }

    String nextString() {
        expectValue(Kind.STRING, "a string");
        return string();
    }

    boolean nextBoolean() {
        Kind kind = enterValue("true or false");
        if (kind != Kind.TRUE && kind != Kind.FALSE) {
            throw error("expected true or false, got " + describeNext());
        }
        markRead();
        boolean value = kind == Kind.TRUE;
        literal(value ? "true" : "false");
        return value;
    }

    void nextNull() {
        expectValue(Kind.NULL, "null");
        literal("null");
    }

    /**
     * The next value as plain Java objects: {@code LinkedHashMap<String, Object>} (duplicate
     * names are an error), {@code ArrayList<Object>}, {@code Double}, {@code String},
     * {@code Boolean} or {@code null}.
     */
    Object readValue() {
        switch (peek()) {
            case OBJECT: {
                Map<String, Object> members = new LinkedHashMap<>();
                beginObject();
                while (hasNext()) {
                    int nameLine = line();
                    int nameColumn = column();
                    String member = nextName();
                    if (members.containsKey(member)) {
                        throw DataException.at(name, nameLine, nameColumn,
                                "duplicate name '" + member + "'");
                    }
                    members.put(member, readValue());
                }
                endObject();
                return members;
            }
            case ARRAY: {
                List<Object> elements = new ArrayList<>();
                beginArray();
                while (hasNext()) {
                    elements.add(readValue());
                }
                endArray();
                return elements;
            }
            case STRING: return nextString();
            case NUMBER: return nextDouble();
            case NULL: nextNull(); return null;
            default: return nextBoolean();
        }
    }

    /** Requires that only whitespace is left. */
    void endDocument() {
        skipWhitespace();
        if (pos < text.length()) {
            throw error("unexpected " + describeNext() + " after the end of the JSON value");
        }
    }

    private void begin(char c, Kind kind, String what) {
        expectValue(kind, what);
        if (depth == MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH + " levels");
        }
        pos++;
        open[depth] = c;
        state[depth] = EMPTY;
        depth++;
    }

    private void end(char close) {
        if (hasNext()) {
            throw error("expected ',' or '" + close + "', got " + describeNext());
        }
        pos++;
        depth--;
        if (depth > 0) {
            state[depth - 1] = AFTER_ELEMENT;
        }
    }

    /** Positions at a value of {@code kind}; see {@link #enterValue}. */
    private void expectValue(Kind kind, String what) {
        if (enterValue(what) != kind) {
            throw error("expected " + what + ", got " + describeNext());
        }
        markRead();
    }

    /**
     * Positions at the next value (past a comma in an array) and returns its kind: null if none
     * can start here. A failed typed read consumes nothing, so another may follow.
     */
    private Kind enterValue(String what) {
        if (depth > 0 && open[depth - 1] == '[') {
            if (!hasNext()) {
                throw error("expected " + what + ", got ']'");
            }
        } else if (depth > 0 && state[depth - 1] != AFTER_NAME) {
            throw new IllegalStateException("read a name before a value");
        }
        return kindOfNext();
    }

    /** The container's pending element is being read: a comma or its end comes next. */
    private void markRead() {
        if (depth > 0) {
            state[depth - 1] = AFTER_ELEMENT;
        }
    }

    private void literal(String word) {
        int end = pos + word.length();
        if (!text.startsWith(word, pos) || end < text.length() && isWordChar(text.charAt(end))) {
            throw error("expected a value, got " + describeNext());
        }
        pos += word.length();
    }

    /** A string at {@code pos}, which is its opening quote. */
    private String string() {
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

    private void skipWhitespace() {
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
    private String describeNext() {
        if (pos >= text.length()) {
            return "end of input";
        }
        int end = pos;
        while (end < text.length() && end - pos < 20 && isWordChar(text.charAt(end))) {
            end++;
        }
        return "'" + (end > pos ? text.substring(pos, end) : text.substring(pos, pos + 1)) + "'";
    }

    private static boolean isDigit(char c) {
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
