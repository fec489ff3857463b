package dev.chainrule.description;

import static dev.chainrule.description.SpecAssertions.assertJsonError;
import static dev.chainrule.description.SpecAssertions.assertYamlError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.description.SpecNode.Entry;
import dev.chainrule.description.SpecNode.ListNode;
import dev.chainrule.description.SpecNode.MapNode;
import dev.chainrule.description.SpecNode.ScalarNode;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class SpecTreeReaderTest {

    private static MapNode read(String text, String name) {
        return (MapNode) SpecTreeReader.read(text, name).orElseThrow();
    }

    @Test
    void keepsPositionsOfKeysAndValues() {
        MapNode root = read("# header\nname: Net\nlayers:\n  - units: 3\n", "net.yaml");

        assertEquals(new SpecPosition("net.yaml", 2, 1), root.position());
        Entry name = root.entries().get(0);
        assertEquals(new SpecPosition("net.yaml", 2, 1), name.keyPosition());
        assertEquals(new SpecPosition("net.yaml", 2, 7), name.value().position());
        ListNode layers = (ListNode) root.entry("layers").orElseThrow().value();
        MapNode layer = (MapNode) layers.items().get(0);
        assertEquals(new SpecPosition("net.yaml", 4, 5), layer.position());
        assertEquals(new SpecPosition("net.yaml", 4, 12),
                layer.entry("units").orElseThrow().value().position());
    }

    @Test
    void classifiesScalars() {
        MapNode root = read("a: x\nb: 1_000\nc: 2.5\nd: .inf\ne: true\nf: ~\ng: '3'\n", "n.yaml");

        assertEquals(ScalarNode.Kind.STRING, scalar(root, "a").kind());
        assertEquals(BigInteger.valueOf(1000), scalar(root, "b").integer());
        assertEquals(2.5, scalar(root, "c").decimal());
        assertEquals(Double.POSITIVE_INFINITY, scalar(root, "d").decimal());
        assertEquals(ScalarNode.Kind.TRUE, scalar(root, "e").kind());
        assertEquals(ScalarNode.Kind.NULL, scalar(root, "f").kind());
        assertEquals(ScalarNode.Kind.STRING, scalar(root, "g").kind());
        assertEquals("3", scalar(root, "g").text());
    }

    private static ScalarNode scalar(MapNode map, String key) {
        return (ScalarNode) map.entry(key).orElseThrow().value();
    }

    @Test
    void readsJsonWithJsonPositions() {
        MapNode root = read("{\n  \"name\": \"Net\",\n  \"input\": 2\n}", "net.json");

        assertEquals(new SpecPosition("net.json", 2, 3), root.entries().get(0).keyPosition());
        assertEquals(new SpecPosition("net.json", 3, 12),
                root.entry("input").orElseThrow().value().position());
    }

    @Test
    void emptyTextHasNoTree() {
        assertTrue(SpecTreeReader.read("", "net.yaml").isEmpty());
        assertTrue(SpecTreeReader.read("\uFEFF# only a comment\n", "net.yaml").isEmpty());
    }

    @Test
    void duplicateKeys() {
        assertYamlError("name: Net\nname: Other\n",
                "net.yaml:2:1: duplicate key 'name' at top level (first at line 1, column 1)");
        assertYamlError("training:\n  seed: 1\n  seed: 2\n",
                "net.yaml:3:3: duplicate key 'seed' in training (first at line 2, column 3)");
        assertJsonError("{\"a\": 1, \"a\": 2}",
                "net.json:1:10: duplicate key 'a' at top level (first at line 1, column 2)");
    }

    @Test
    void yamlSyntaxErrors() {
        assertYamlError("name: Net\n  input: 2\n", "net.yaml:2:8: mapping values are not"
                + " allowed here (check the indentation, or quote a value that contains ': ')");
        assertYamlError("name: Net\ninput: [1, 2\n", "net.yaml:3:1: expected ',' or ']', but"
                + " got <stream end> (while parsing a flow sequence at line 2, column 8)");
        assertYamlError("\tname: Net\n", "net.yaml:1:1: found a tab that cannot start any"
                + " token (indent with spaces, not tabs)");
        assertYamlError("name: 'Net\n", "net.yaml:2:1: found unexpected end of stream (while"
                + " scanning a quoted scalar at line 1, column 7)");
        assertYamlError("- a\nb: 1\n", "net.yaml:2:1: expected <block end>, but found '?'"
                + " (while parsing a block collection at line 1, column 1; check the"
                + " indentation)");
        assertYamlError("? [a]\n: 1\n",
                "net.yaml:1:4: keys must be plain names, not lists or mappings");
    }

    @Test
    void controlCharacters() {
        assertYamlError("name: Net\ninput: 2\nx: \u0007\n", "net.yaml:3:4: character U+0007"
                + " is not allowed in YAML text (write it as an escape in a double-quoted"
                + " string)");
    }

    @Test
    void aliasesAndSecondDocuments() {
        assertYamlError("name: &n Net\nother: *n\n",
                "net.yaml:2:8: other: YAML aliases (*n) are not supported; write the value out"
                        + " in full");
        assertYamlError("name: Net\n---\nname: B\n",
                "net.yaml:3:1: a description is a single YAML document; found a second one");
    }

    @Test
    void runawayNesting() {
        String deep = "[".repeat(70) + "1" + "]".repeat(70);
        assertYamlError("name: Net\nlayers: " + deep + "\n",
                "net.yaml:2:73: nested more than 64 levels deep");
    }

    @Test
    void unsupportedYamlValue() {
        assertYamlError("name: !!binary aGVsbG8=\n", "net.yaml:1:7: name: unsupported value");
    }

    @Test
    void jsonSyntaxErrorsNameNoLibrary() {
        assertJsonError("{\"name\": \"Net\", }", "net.json:1:17: unexpected character ('}'"
                + " (code 125)): was expecting double-quote to start field name");
        assertJsonError("{\"name\": \"Net\"} {}",
                "net.json:1:17: unexpected content after the top-level mapping");
        assertJsonError("{\"name\": \"Net\"", "net.json:1:15: unexpected end-of-input:"
                + " expected close marker for Object (start marker at line 1, column 1)");
        assertJsonError("{\"a\": [1, 2}", "net.json:1:12: unexpected close marker '}':"
                + " expected ']' (for Array starting at line 1, column 7)");
        assertJsonError("{\"a\": NaN}", "net.json:1:10: non-standard token 'NaN'");
        assertJsonError("{\"a\": 1}]", "net.json:1:9: unexpected close marker ']': expected"
                + " '}' (for root starting at line 1)");
        assertJsonError("{\"a\": 1 /* c */}", "net.json:1:9: unexpected character ('/'"
                + " (code 47)): maybe a (non-standard) comment?");
        assertJsonError("\uFEFF{\"a\": tru}", "net.json:1:10: unrecognized token 'tru': was"
                + " expecting (JSON String, Number, Array, Object or token 'null', 'true' or"
                + " 'false')");
    }
}
