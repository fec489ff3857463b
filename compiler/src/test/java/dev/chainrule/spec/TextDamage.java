package dev.chainrule.spec;

import java.util.List;
import java.util.Random;

/** What the fuzz tests do to a valid file: random deletions, insertions and replacements. */
public final class TextDamage {

    private TextDamage() {}

    /** One to {@code maxEdits} edits, each of up to five characters or one of {@code pieces}. */
    public static String damage(Random random, String text, List<String> pieces, int maxEdits) {
        StringBuilder out = new StringBuilder(text);
        int edits = 1 + random.nextInt(maxEdits);
        for (int e = 0; e < edits; e++) {
            int at = random.nextInt(out.length() + 1);
            int length = Math.min(random.nextInt(6), out.length() - at);
            String piece = pieces.get(random.nextInt(pieces.size()));
            switch (random.nextInt(3)) {
                case 0 -> out.delete(at, at + length);
                case 1 -> out.insert(at, piece);
                default -> out.replace(at, at + length, piece);
            }
        }
        return out.toString();
    }
}
