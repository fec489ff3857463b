package dev.chainrule.description;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /** {@code text} with one match of {@code pattern}, picked at random, replaced; else as is. */
    public static String replaceOne(Random random, String text, Pattern pattern,
                                    String replacement) {
        List<int[]> spans = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            spans.add(new int[] {matcher.start(), matcher.end()});
        }
        if (spans.isEmpty()) {
            return text;
        }
        int[] span = spans.get(random.nextInt(spans.size()));
        return text.substring(0, span[0]) + replacement + text.substring(span[1]);
    }
}
