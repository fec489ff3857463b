package dev.chainrule.description;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * A node of a parsed description that remembers where it started, so the validator can point
 * at the exact key or value that is wrong. Built by {@link SpecTreeReader}.
 */
public sealed interface SpecNode permits SpecNode.MapNode, SpecNode.ListNode, SpecNode.ScalarNode {

    SpecPosition position();

    /** A mapping; keys are unique and kept in file order. */
    record MapNode(SpecPosition position, List<Entry> entries) implements SpecNode {

        public MapNode {
            entries = List.copyOf(entries);
        }

        public Optional<Entry> entry(String key) {
            return entries.stream().filter(e -> e.key().equals(key)).findFirst();
        }
    }

    /** One key of a mapping, with the key's own position. */
    record Entry(String key, SpecPosition keyPosition, SpecNode value) {}

    /** A sequence. */
    record ListNode(SpecPosition position, List<SpecNode> items) implements SpecNode {

        public ListNode {
            items = List.copyOf(items);
        }
    }

    /**
     * A scalar: its text as written (without quotes) and what YAML or JSON made of it.
     * {@code integer} is set for {@link Kind#INTEGER}, {@code decimal} for {@link Kind#DECIMAL}.
     */
    record ScalarNode(
            SpecPosition position, Kind kind, String text, BigInteger integer, double decimal)
            implements SpecNode {

        public enum Kind { STRING, INTEGER, DECIMAL, TRUE, FALSE, NULL }
    }
}
