package dev.chainrule.description;

import java.util.Locale;
import java.util.Optional;

/** "Did you mean" for misspelled keys and values, by edit distance. */
public final class Suggestions {

    private static final int MAX_DISTANCE = 2;

    private Suggestions() {}

    /**
     * The candidate closest to {@code input}, ignoring case, if it is at most 2 edits away
     * (and fewer edits than half the input, so short junk gets no suggestion). Ties go to the
     * earlier candidate.
     */
    public static Optional<String> closest(String input, Iterable<String> candidates) {
        String needle = input.toLowerCase(Locale.ROOT);
        int limit = Math.min(MAX_DISTANCE, (needle.length() + 1) / 2);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = distance(needle, candidate.toLowerCase(Locale.ROOT));
            if (distance <= limit && distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * Optimal string alignment distance (insertions, deletions, substitutions, swaps of
     * neighbours); when the lengths alone differ by more than 2, just that difference.
     */
    static int distance(String a, String b) {
        int lengthDifference = Math.abs(a.length() - b.length());
        if (lengthDifference > MAX_DISTANCE) {
            return lengthDifference;
        }
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1),
                        d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2)
                        && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
