package dev.chainrule.spec;

import dev.chainrule.spec.SpecNode.MapNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads an {@link Initializer} where a description names one (a layer's {@code init}, a graph
 * parameter's): {@code he_normal}, {@code normal(std=0.02)} or
 * {@code {type: normal, std: 0.02}}.
 */
final class InitializerReader {

    private InitializerReader() {}

    static Initializer read(SpecNode node, String path) {
        List<String> names = new ArrayList<>();
        for (Initializer.Kind kind : Initializer.Kind.values()) {
            names.add(kind.spelling());
        }
        if (node instanceof MapNode) {
            MapReader map = MapReader.of(node, path, "an initializer",
                    List.of("type", "std", "a"));
            Initializer.Kind kind = ScalarReader.choice(map.required("type"), map.path("type"),
                    "initializer", Initializer.Kind.values(), Initializer.Kind::spelling);
            for (String key : List.of("std", "a")) {
                Optional<SpecNode> value = map.optional(key);
                if (value.isPresent() && !key.equals(kind.setting())) {
                    throw SpecException.at(value.get().position(), map.path(key),
                            kind.spelling() + " has no setting " + Messages.quote(key));
                }
            }
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
        String text = ScalarReader.text(node, path, "an initializer such as he_normal");
        Optional<Initializer> initializer = Initializer.parse(text);
        if (initializer.isPresent()) {
            return initializer.get();
        }
        Optional<String> suggestion = Suggestions.closest(text, names);
        throw SpecException.at(node.position(), path, "unknown initializer "
                + Messages.quote(text) + " (expected one of " + Messages.list(names)
                + ", normal(std=S), uniform(a=A)"
                + suggestion.map(s -> "; did you mean '" + s + "'?").orElse("") + ")");
    }
}
