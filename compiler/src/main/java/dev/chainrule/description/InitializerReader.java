package dev.chainrule.description;

import dev.chainrule.description.SpecNode.MapNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads an {@link Initializer} where a description names one, a layer's {@code init} and a graph
 * param's alike, in any of three spellings: {@code normal(std=0.02)},
 * {@code {type: normal, std: 0.02}} and {@code {normal: {std: 0.02}}} (or a plain
 * {@code he_normal}; {@code normal} and {@code uniform} alone take std or a = 1).
 */
public final class InitializerReader {

    private InitializerReader() {}

    /** An initializer where only an initializer fits (a layer's {@code init}). */
    public static Initializer read(SpecNode node, String path) {
        return read(node, path, "");
    }

    /**
     * @param alternatives what else the key takes, for the message of an unknown name, such as
     *     {@code "a list of values or "}
     */
    public static Initializer read(SpecNode node, String path, String alternatives) {
        if (node instanceof MapNode map) {
            return map.entry("type").isPresent() ? typed(node, path) : nested(map, path);
        }
        String text = ScalarReader.text(node, path, "an initializer such as he_normal");
        Optional<Initializer> initializer = Initializer.parse(text);
        if (initializer.isPresent()) {
            return initializer.get();
        }
        rejectBadSetting(text, node, path);
        List<String> names = spellings();
        Optional<String> suggestion = Suggestions.closest(text, names);
        throw SpecException.at(node.position(), path, "unknown initializer "
                + Messages.quote(text) + " (expected " + alternatives + "one of "
                + Messages.list(names) + ", normal(std=S), uniform(a=A)"
                + suggestion.map(s -> "; did you mean '" + s + "'?").orElse("") + ")");
    }

    /**
     * A known scheme whose setting is a number out of range ({@code normal(std=-1)}) is told
     * so, not reported as an unknown name.
     */
    private static void rejectBadSetting(String text, SpecNode node, String path) {
        int open = text.indexOf('(');
        if (open < 0 || !text.endsWith(")")) {
            return;
        }
        String name = text.substring(0, open);
        for (Initializer.Kind kind : Initializer.Kind.values()) {
            String prefix = kind.setting() + "=";
            String inside = text.substring(open + 1, text.length() - 1);
            if (kind.spelling().equals(name) && kind.setting() != null
                    && inside.startsWith(prefix)) {
                String value = inside.substring(prefix.length()).strip();
                try {
                    Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    return;
                }
                throw SpecException.at(node.position(), path, Messages.quote(text) + ": "
                        + kind.setting() + " must be a finite number > 0, got " + value);
            }
        }
    }

    private static List<String> spellings() {
        List<String> names = new ArrayList<>();
        for (Initializer.Kind kind : Initializer.Kind.values()) {
            names.add(kind.spelling());
        }
        return names;
    }

    /** {@code {type: normal, std: 0.02}}. */
    private static Initializer typed(SpecNode node, String path) {
        MapReader map = MapReader.of(node, path, "an initializer", List.of("type", "std", "a"));
        Initializer.Kind kind = ScalarReader.choice(map.required("type"), map.path("type"),
                "initializer", Initializer.Kind.values(), Initializer.Kind::spelling);
        for (String key : List.of("std", "a")) {
            Optional<SpecNode> value = map.optional(key);
            if (value.isPresent() && !key.equals(kind.setting())) {
                throw SpecException.at(value.get().position(), map.path(key),
                        kind.spelling() + " has no setting " + Messages.quote(key));
            }
        }
        return setting(kind, map);
    }

    /** {@code {normal: {std: 0.02}}}: one key naming the initializer, its settings inside. */
    private static Initializer nested(MapNode node, String path) {
        MapReader init = MapReader.of(node, path, "an initializer", spellings());
        if (node.entries().size() != 1) {
            throw SpecException.at(node.position(), path, "expected one initializer such as"
                    + " {normal: {std: 0.01}}, got " + (node.entries().isEmpty()
                            ? "an empty mapping"
                            : Messages.plural(node.entries().size(), "key")));
        }
        String name = node.entries().get(0).key();
        Initializer.Kind kind = Initializer.parse(name).orElseThrow().kind();
        List<String> settings = kind.setting() == null ? List.of() : List.of(kind.setting());
        MapReader arguments = MapReader.of(init.required(name), init.path(name),
                kind.setting() == null ? "an empty mapping {}"
                        : "a mapping such as {" + kind.setting() + ": 0.01}", settings);
        return setting(kind, arguments);
    }

    /** {@code kind} with its setting from {@code map}, or its default when absent. */
    private static Initializer setting(Initializer.Kind kind, MapReader map) {
        if (kind.setting() == null) {
            return Initializer.of(kind);
        }
        return map.optional(kind.setting()).map(value -> {
            double number = ScalarReader.number(value, map.path(kind.setting()));
            if (!(number > 0) || Double.isInfinite(number)) {
                throw SpecException.at(value.position(), map.path(kind.setting()),
                        "must be a finite number > 0, got " + Messages.describe(value));
            }
            return new Initializer(kind, number);
        }).orElse(Initializer.of(kind));
    }
}
