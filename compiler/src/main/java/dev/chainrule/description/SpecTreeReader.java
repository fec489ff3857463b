package dev.chainrule.description;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.chainrule.description.SpecNode.Entry;
import dev.chainrule.description.SpecNode.ListNode;
import dev.chainrule.description.SpecNode.MapNode;
import dev.chainrule.description.SpecNode.ScalarNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Phase 1 of parsing: YAML or JSON text to a {@link SpecNode} tree whose nodes remember their
 * line and column. Reads with Jackson's streaming parser, refuses duplicate keys, aliases and
 * more than one document, and reports syntax errors through {@link SyntaxErrors}.
 */
final class SpecTreeReader {

    /** Descriptions are at most four levels deep; this only stops runaway nesting. */
    private static final int MAX_DEPTH = 64;

    private final JsonParser parser;
    private final String source;

    private SpecTreeReader(JsonParser parser, String source) {
        this.parser = parser;
        this.source = source;
    }

    /** Whether {@code displayName} names a JSON file; everything else is read as YAML. */
    static boolean isJson(String displayName) {
        return displayName.toLowerCase(Locale.ROOT).endsWith(".json");
    }

    /**
     * The tree of {@code text}, or empty when the text holds no document (empty or only
     * comments).
     */
    static Optional<SpecNode> read(String text, String displayName) {
        boolean json = isJson(displayName);
        JsonFactory factory = json ? new JsonFactory() : new YAMLFactory();
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        try (JsonParser parser = factory.createParser(body)) {
            if (parser.nextToken() == null) {
                return Optional.empty();
            }
            SpecTreeReader reader = new SpecTreeReader(parser, displayName);
            SpecNode root = reader.readValue("", 0);
            if (parser.nextToken() != null) {
                throw SpecException.at(reader.position(), "", json
                        ? "unexpected content after the top-level mapping"
                        : "a description is a single YAML document; found a second one");
            }
            return Optional.of(root);
        } catch (JsonProcessingException e) {
            throw SyntaxErrors.from(e, displayName, body, json);
        } catch (IOException e) {
            throw new UncheckedIOException("reading from a string cannot fail", e);
        }
    }

    /** Reads the value at the current token, leaving the parser on its last token. */
    private SpecNode readValue(String path, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw SpecException.at(position(), "", "nested more than " + MAX_DEPTH
                    + " levels deep");
        }
        SpecPosition position = position();
        JsonToken token = parser.currentToken();
        if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
            throw SpecException.at(position, path, "YAML aliases (*" + Messages.escape(
                    parser.getText()) + ") are not supported; write the value out in full");
        }
        return switch (token) {
            case START_OBJECT -> readMap(position, path, depth);
            case START_ARRAY -> readList(position, path, depth);
            case VALUE_STRING -> scalar(position, ScalarNode.Kind.STRING);
            case VALUE_NUMBER_INT -> new ScalarNode(position, ScalarNode.Kind.INTEGER,
                    parser.getText(), parser.getBigIntegerValue(), 0);
            case VALUE_NUMBER_FLOAT -> decimal(position, parser.getText());
            case VALUE_TRUE -> scalar(position, ScalarNode.Kind.TRUE);
            case VALUE_FALSE -> scalar(position, ScalarNode.Kind.FALSE);
            case VALUE_NULL -> scalar(position, ScalarNode.Kind.NULL);
            default -> throw SpecException.at(position, path, "unsupported value");
        };
    }

    private MapNode readMap(SpecPosition position, String path, int depth) throws IOException {
        List<Entry> entries = new ArrayList<>();
        Map<String, SpecPosition> seen = new HashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            SpecPosition keyPosition = position();
            SpecPosition first = seen.putIfAbsent(key, keyPosition);
            if (first != null) {
                throw SpecException.at(keyPosition, "", "duplicate key " + Messages.quote(key)
                        + " " + Messages.where(path) + " (first at line " + first.line()
                        + ", column " + first.column() + ")");
            }
            parser.nextToken();
            SpecNode value = readValue(Messages.child(path, key), depth + 1);
            entries.add(new Entry(key, keyPosition, value));
        }
        return new MapNode(position, entries);
    }

    private ListNode readList(SpecPosition position, String path, int depth) throws IOException {
        List<SpecNode> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            items.add(readValue(Messages.item(path, items.size()), depth + 1));
        }
        return new ListNode(position, items);
    }

    private ScalarNode scalar(SpecPosition position, ScalarNode.Kind kind) throws IOException {
        return new ScalarNode(position, kind, parser.getText(), null, 0);
    }

    /** YAML floats may be {@code .inf}, {@code -.Inf}, {@code .nan} or contain {@code _}. */
    private static ScalarNode decimal(SpecPosition position, String text) {
        String digits = text.replace("_", "").toLowerCase(Locale.ROOT);
        double value;
        if (digits.equals(".nan")) {
            value = Double.NaN;
        } else if (digits.matches("[-+]?\\.inf")) {
            value = digits.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        } else {
            try {
                value = Double.parseDouble(digits);
            } catch (NumberFormatException e) {
                return new ScalarNode(position, ScalarNode.Kind.STRING, text, null, 0);
            }
        }
        return new ScalarNode(position, ScalarNode.Kind.DECIMAL, text, null, value);
    }

    private SpecPosition position() {
        JsonLocation location = parser.currentTokenLocation();
        return new SpecPosition(source,
                Math.max(location.getLineNr(), 1), Math.max(location.getColumnNr(), 1));
    }
}
