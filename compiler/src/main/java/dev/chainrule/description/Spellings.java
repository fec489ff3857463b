package dev.chainrule.description;

import java.util.Optional;
import java.util.function.Function;

/**
 * The one lookup of an enum constant by how a description writes it, shared by the enums'
 * {@code fromSpelling} and the validator's {@link ScalarReader#choice}, so both match alike.
 */
final class Spellings {

    private Spellings() {}

    /** The value of {@code values} written {@code text}, if any (exact, case-sensitive match). */
    static <E> Optional<E> find(E[] values, Function<E, String> spelling, String text) {
        for (E value : values) {
            if (spelling.apply(value).equals(text)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
