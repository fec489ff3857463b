package dev.chainrule.description;

import dev.chainrule.description.SpecNode.Entry;
import dev.chainrule.description.SpecNode.ListNode;
import dev.chainrule.description.SpecNode.MapNode;
import dev.chainrule.description.SpecNode.ScalarNode;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A description with some of its values replaced, as {@code chainrule sweep --set} asks:
 * {@code training.learning_rate=0.03}, {@code layers[0].units=64}. The values replace nodes of
 * the parsed tree (or add keys), and the tree is validated as usual, so a setting is checked
 * exactly like the same value written in the file.
 *
 * <pre>{@code
 * NetworkSpec spec = SpecOverrides.parse(text, "net.yaml", dir,
 *         List.of(Setting.parse("layers[0].units=64")));
 * }</pre>
 *
 * <p>Problems are one-line {@link SpecException}s. A key path that does not fit the file is
 * located at the node it runs into ({@code net.yaml:5:3: --set layers[5].units=64: layers has
 * 2 items}); a problem with a set value or key is located at the setting itself
 * ({@code net.yaml: --set training.lerning_rate=0.1: unknown key 'lerning_rate' in training (did
 * you mean 'learning_rate'?)}).
 */
public final class SpecOverrides {

    private static final Pattern SEGMENT =
            Pattern.compile("([A-Za-z_][A-Za-z0-9_.-]*?)((?:\\[\\d+\\])*)");
    private static final Pattern INDEX = Pattern.compile("\\[(\\d+)\\]");

    private SpecOverrides() {
    }

    /** One {@code KEY=VALUE}: a key path into the description and the value's YAML text. */
    public record Setting(String key, String value) implements Serializable {

        /**
         * Parses {@code KEY=VALUE}.
         *
         * @throws SpecException (located at the setting) if there is no {@code =} or no key
         */
        public static Setting parse(String assignment) {
            int equals = assignment.indexOf('=');
            if (equals <= 0) {
                throw SpecException.inFile("--set " + assignment,
                        "expected KEY=VALUE, like training.learning_rate=0.1 or"
                                + " layers[0].units=64");
            }
            return new Setting(assignment.substring(0, equals).trim(),
                    assignment.substring(equals + 1).trim());
        }

        @Override
        public String toString() {
            return key + "=" + value;
        }
    }

    /**
     * Parses description text with {@code settings} applied in order.
     *
     * @param baseDirectory directory relative data paths resolve against; null: working directory
     * @throws SpecException if the text, a setting, or the result is not valid
     */
    public static NetworkSpec parse(String text, String displayName, Path baseDirectory,
                                    List<Setting> settings) {
        Path base = (baseDirectory == null ? Path.of("") : baseDirectory)
                .toAbsolutePath().normalize();
        SpecNode root = SpecTreeReader.read(text, displayName)
                .orElseThrow(() -> SpecException.inFile(displayName, "empty description"));
        for (Setting setting : settings) {
            root = apply(root, setting, displayName);
        }
        return SpecValidator.validate(root, new SpecSource(displayName, null, base, text));
    }

    /** The tree with one setting applied. */
    static SpecNode apply(SpecNode root, Setting setting, String displayName) {
        SpecPosition here = new SpecPosition(displayName + ": --set " + setting, 0, 0);
        List<Object> path = steps(setting, here);
        SpecNode value = SpecTreeReader.read(setting.value(), "--set " + setting)
                .map(node -> relocate(node, here))
                .orElse(new ScalarNode(here, ScalarNode.Kind.NULL, "", null, 0));
        return replace(root, path, 0, "", value, setting, here);
    }

    /** {@code layers[0].units} as {@code ["layers", 0, "units"]}. */
    private static List<Object> steps(Setting setting, SpecPosition here) {
        List<Object> steps = new ArrayList<>();
        for (String segment : setting.key().split("\\.", -1)) {
            Matcher m = SEGMENT.matcher(segment);
            if (!m.matches()) {
                throw SpecException.at(here, "", "bad key path '" + setting.key()
                        + "' (expected keys and list indices, like layers[0].units)");
            }
            steps.add(m.group(1));
            Matcher index = INDEX.matcher(m.group(2));
            while (index.find()) {
                steps.add(Integer.parseInt(index.group(1)));
            }
        }
        return steps;
    }

    private static SpecNode replace(SpecNode node, List<Object> steps, int at, String path,
                                    SpecNode value, Setting setting, SpecPosition here) {
        if (at == steps.size()) {
            return value;
        }
        Object step = steps.get(at);
        if (step instanceof String key) {
            if (!(node instanceof MapNode map)) {
                throw SpecException.at(node.position(), "", "--set " + setting + ": " + path
                        + " is " + Messages.describe(node) + ", not a mapping with key "
                        + Messages.quote(key));
            }
            String childPath = Messages.child(path, key);
            List<Entry> entries = new ArrayList<>(map.entries());
            for (int e = 0; e < entries.size(); e++) {
                Entry entry = entries.get(e);
                if (entry.key().equals(key)) {
                    entries.set(e, new Entry(key, entry.keyPosition(), replace(entry.value(),
                            steps, at + 1, childPath, value, setting, here)));
                    return new MapNode(map.position(), entries);
                }
            }
            if (at + 1 < steps.size() && steps.get(at + 1) instanceof Integer) {
                throw SpecException.at(map.position(), "", "--set " + setting + ": no list "
                        + Messages.quote(key) + " " + Messages.where(path) + " to index");
            }
            SpecNode added = replace(new MapNode(here, List.of()), steps, at + 1, childPath,
                    value, setting, here);
            entries.add(new Entry(key, here, added));
            return new MapNode(map.position(), entries);
        }
        int index = (Integer) step;
        if (!(node instanceof ListNode list)) {
            throw SpecException.at(node.position(), "", "--set " + setting + ": " + path
                    + " is " + Messages.describe(node) + ", not a list");
        }
        if (index >= list.items().size()) {
            throw SpecException.at(list.position(), "", "--set " + setting + ": " + path
                    + " has " + Messages.plural(list.items().size(), "item") + ", no index "
                    + index);
        }
        List<SpecNode> items = new ArrayList<>(list.items());
        items.set(index, replace(items.get(index), steps, at + 1, Messages.item(path, index),
                value, setting, here));
        return new ListNode(list.position(), items);
    }

    /** The same tree with every position at the setting. */
    private static SpecNode relocate(SpecNode node, SpecPosition here) {
        if (node instanceof MapNode map) {
            return new MapNode(here, map.entries().stream()
                    .map(e -> new Entry(e.key(), here, relocate(e.value(), here))).toList());
        }
        if (node instanceof ListNode list) {
            return new ListNode(here, list.items().stream().map(i -> relocate(i, here)).toList());
        }
        ScalarNode scalar = (ScalarNode) node;
        return new ScalarNode(here, scalar.kind(), scalar.text(), scalar.integer(),
                scalar.decimal());
    }
}
