package dev.chainrule.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonReaderTest {

    private static Object parse(String text) {
        JsonReader json = new JsonReader(text, "w.json");
        Object value = json.readValue();
        json.endDocument();
        return value;
    }

    private static String error(String text) {
        return assertThrows(DataException.class, () -> parse(text)).getMessage();
    }

    @Test
    void readsEveryKindOfValue() {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("a", Arrays.asList(1.0, -2.5, 0.0, 1e-3, 2E+2, -0.0));
        expected.put("s", "q\"\\/\b\f\n\r\t\u00e9\u20ac");
        expected.put("t", true);
        expected.put("f", false);
        expected.put("n", null);
        expected.put("o", new LinkedHashMap<>());
        expected.put("e", Arrays.asList());
        assertEquals(expected, parse("\uFEFF {\"a\": [1, -2.5, 0, 1e-3, 2E+2, -0.0],\n"
                + " \"s\": \"q\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\u20ac\", \"t\": true,\r\n"
                + "\t\"f\":false,\"n\":null, \"o\": {}, \"e\": [ ] } \n"));
        assertEquals(Double.doubleToRawLongBits(-0.0),
                Double.doubleToRawLongBits((Double) parse("-0.0")));
    }

    @Test
    void reportsSyntaxErrorsWithLineAndColumn() {
        assertEquals("w.json:2:4: expected ',' or ']', got '3'", error("[1,\n 2 3]"));
        assertEquals("w.json:1:4: expected a value after ',', got ']'", error("[1,]"));
        assertEquals("w.json:1:9: expected a name after ',', got '}'", error("{\"a\": 1,}"));
        assertEquals("w.json:1:2: expected a name in double quotes, got 'a'", error("{a: 1}"));
        assertEquals("w.json:1:6: expected ':' after the name, got '1'", error("{\"a\" 1}"));
        assertEquals("w.json:1:2: expected a value, got 'NaN'", error("[NaN]"));
        assertEquals("w.json:1:2: expected a value, got 'tru'", error("[tru]"));
        assertEquals("w.json:1:2: expected a value, got 'nulls'", error("[nulls]"));
        assertEquals("w.json:1:1: expected a value, got end of input", error(""));
        assertEquals("w.json:1:4: expected ',' or ']', got end of input", error("[1 "));
        assertEquals("w.json:3:1: unexpected '1' after the end of the JSON value",
                error("[1]\n\n1"));
        assertEquals("w.json:1:10: duplicate name 'a'", error("{\"a\": 1, \"a\": 2}"));
    }

    @Test
    void acceptsOnlyJsonNumbers() {
        assertEquals("w.json:1:2: invalid number '01'", error("[01]"));
        assertEquals("w.json:1:2: invalid number '1.'", error("[1.]"));
        assertEquals("w.json:1:2: invalid number '1e'", error("[1e]"));
        assertEquals("w.json:1:2: invalid number '-'", error("[-]"));
        assertEquals("w.json:1:2: invalid number '2d'", error("[2d]"));
        assertEquals("w.json:1:5: invalid number '1.5.2'", error("[0, 1.5.2]"));
        assertEquals("w.json:1:2: expected a value, got '.5'", error("[.5]"));
        assertEquals("w.json:1:2: expected a value, got '+1'", error("[+1]"));
        assertEquals("w.json:1:2: number '1e999' is out of range", error("[1e999]"));
    }

    @Test
    void reportsBadStrings() {
        assertEquals("w.json:1:2: unterminated string", error("[\"abc"));
        assertEquals("w.json:1:4: bad escape '\\x' in a string", error("[\"a\\x\"]"));
        assertEquals("w.json:1:3: bad escape: \\u must be followed by 4 hex digits",
                error("[\"\\u12G4\"]"));
        assertEquals("w.json:1:4: control character in a string (write it as an escape such as"
                + " \\n)", error("[\"a\tb\"]"));
    }

    @Test
    void typedReadsSayWhatWasExpected() {
        JsonReader json = new JsonReader("{\"a\": \"x\"}", "w.json");
        json.beginObject();
        assertEquals("a", json.nextName());
        DataException e = assertThrows(DataException.class, json::nextDouble);
        assertEquals("w.json:1:7: expected a number, got '\"'", e.getMessage());
        assertEquals("x", json.nextString());
        json.endObject();
        json.endDocument();
    }

    @Test
    void limitsNesting() {
        String deep = new String(new char[600]).replace('\0', '[');
        assertEquals("w.json:1:513: nested deeper than 512 levels", error(deep));
    }
}
