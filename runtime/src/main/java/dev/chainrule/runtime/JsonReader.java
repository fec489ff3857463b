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

    private final JsonText in;
    /** Open containers: '{' or '[' and their state, innermost last. */
    private final char[] open = new char[MAX_DEPTH];
    private final int[] state = new int[MAX_DEPTH];
    private int depth;

    JsonReader(Reader reader, String name) {
        this(readAll(reader, name), name);
    }

    JsonReader(String text, String name) {
        this.in = new JsonText(text, name);
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
        return in.line();
    }

    /** Column of the next token, from 1. */
    int column() {
        return in.column();
    }

    /** An error at the next token. */
    DataException error(String message) {
        return in.error(message);
    }

    /** An error at a position read earlier with {@link #line()} and {@link #column()}. */
    DataException errorAt(int line, int column, String message) {
        return in.errorAt(line, column, message);
    }

    /** The kind of the next value; an error if what comes next cannot start a value. */
    Kind peek() {
        if (depth > 0 && open[depth - 1] == '[' && !hasNext()) {
            throw error("expected a value, got ']'");
        }
        Kind kind = kindOfNext();
        if (kind == null) {
            throw error("expected a value, got " + in.describeNext());
        }
        return kind;
    }

    /** Like {@link #peek}, but null where no value can start. */
    private Kind kindOfNext() {
        in.skipWhitespace();
        char c = in.current();
        switch (c) {
            case '{': return Kind.OBJECT;
            case '[': return Kind.ARRAY;
            case '"': return Kind.STRING;
            case 't': return Kind.TRUE;
            case 'f': return Kind.FALSE;
            case 'n': return Kind.NULL;
            default: return c == '-' || JsonText.isDigit(c) ? Kind.NUMBER : null;
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
        in.skipWhitespace();
        char close = open[depth - 1] == '{' ? '}' : ']';
        int s = state[depth - 1];
        if (s == AFTER_COMMA) {
            return true;
        }
        if (in.at(close)) {
            return false;
        }
        if (s == AFTER_ELEMENT) {
            if (!in.at(',')) {
                throw error("expected ',' or '" + close + "', got " + in.describeNext());
            }
            in.advance();
            in.skipWhitespace();
            if (in.at(close)) {
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
        if (!in.at('"')) {
            throw error("expected a name in double quotes, got " + in.describeNext());
        }
        String result = in.string();
        in.skipWhitespace();
        if (!in.at(':')) {
            throw error("expected ':' after the name, got " + in.describeNext());
        }
        in.advance();
        state[depth - 1] = AFTER_NAME;
        return result;
    }

    double nextDouble() {
        expectValue(Kind.NUMBER, "a number");
        return in.number();
    }

    String nextString() {
        expectValue(Kind.STRING, "a string");
        return in.string();
    }

    boolean nextBoolean() {
        Kind kind = enterValue("true or false");
        if (kind != Kind.TRUE && kind != Kind.FALSE) {
            throw error("expected true or false, got " + in.describeNext());
        }
        markRead();
        boolean value = kind == Kind.TRUE;
        in.literal(value ? "true" : "false");
        return value;
    }

    void nextNull() {
        expectValue(Kind.NULL, "null");
        in.literal("null");
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
                        throw errorAt(nameLine, nameColumn,
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
        in.skipWhitespace();
        if (!in.atEnd()) {
            throw error("unexpected " + in.describeNext() + " after the end of the JSON value");
        }
    }

    private void begin(char c, Kind kind, String what) {
        expectValue(kind, what);
        if (depth == MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH + " levels");
        }
        in.advance();
        open[depth] = c;
        state[depth] = EMPTY;
        depth++;
    }

    private void end(char close) {
        if (hasNext()) {
            throw error("expected ',' or '" + close + "', got " + in.describeNext());
        }
        in.advance();
        depth--;
        if (depth > 0) {
            state[depth - 1] = AFTER_ELEMENT;
        }
    }

    /** Positions at a value of {@code kind}; see {@link #enterValue}. */
    private void expectValue(Kind kind, String what) {
        if (enterValue(what) != kind) {
            throw error("expected " + what + ", got " + in.describeNext());
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
}
