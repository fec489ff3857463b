package dev.chainrule.description;

import dev.chainrule.description.SpecNode.MapNode;
import java.util.Optional;

/**
 * Where a key of a description's {@code data} section is written, such as {@code data.train}
 * or {@code data.train.labels}, so that a data file the description names and that cannot be
 * read is reported at the line that names it. Read again from the source's text: a data file
 * is opened long after parsing, and only a failure needs the place.
 */
public final class DataKeyPosition {

    private DataKeyPosition() {}

    /**
     * The position of the value at {@code data.<keys...>} in {@code source}, or empty when the
     * description does not spell it that way.
     */
    public static Optional<SpecPosition> of(SpecSource source, String... keys) {
        Optional<SpecNode> node;
        try {
            node = SpecTreeReader.read(source.text(), source.displayName());
        } catch (SpecException e) {
            return Optional.empty(); // it parsed once; cannot happen unless the text changed
        }
        node = node.flatMap(root -> value(root, "data"));
        for (String key : keys) {
            node = node.flatMap(map -> value(map, key));
        }
        return node.map(SpecNode::position);
    }

    private static Optional<SpecNode> value(SpecNode node, String key) {
        return node instanceof MapNode map
                ? map.entry(key).map(SpecNode.Entry::value) : Optional.empty();
    }
}
