package dev.chainrule.description;

import dev.chainrule.description.SpecNode.Entry;
import dev.chainrule.description.SpecNode.MapNode;
import dev.chainrule.description.SpecNode.ScalarNode;
import java.util.List;
import java.util.Optional;

/**
 * Reads the keys of one mapping of a description: refuses unknown keys (suggesting the closest
 * known one), reports missing required keys at the mapping, and builds key paths.
 */
public final class MapReader {

    private final MapNode map;
    private final String path;

    private MapReader(MapNode map, String path) {
        this.map = map;
        this.path = path;
    }

    /**
     * Reads {@code node} as a mapping with only {@code allowedKeys}.
     *
     * @param expected what the mapping is, for the error when it is not one
     */
    public static MapReader of(SpecNode node, String path, String expected, List<String> allowedKeys) {
        if (!(node instanceof MapNode map)) {
            throw SpecException.at(node.position(), path,
                    "expected " + expected + ", got " + Messages.describe(node));
        }
        for (Entry entry : map.entries()) {
            if (!allowedKeys.contains(entry.key())) {
                throw SpecException.at(entry.keyPosition(), "", Messages.unknown("key",
                        entry.key(), path, allowedKeys, "expected one of"));
            }
        }
        return new MapReader(map, path);
    }

    /** The value of {@code key}; a missing key is reported at this mapping. */
    public SpecNode required(String key) {
        return map.entry(key).map(Entry::value).orElseThrow(() -> SpecException.at(
                map.position(), path, "missing required key " + Messages.quote(key)));
    }

    /** The value of {@code key}, empty when the key is absent or its value is empty (null). */
    public Optional<SpecNode> optional(String key) {
        return map.entry(key).map(Entry::value).filter(value -> !isNull(value));
    }

    /** The key path of {@code key} in this mapping, e.g. {@code training.seed}. */
    public String path(String key) {
        return Messages.child(path, key);
    }

    private static boolean isNull(SpecNode node) {
        return node instanceof ScalarNode scalar && scalar.kind() == ScalarNode.Kind.NULL;
    }
}
