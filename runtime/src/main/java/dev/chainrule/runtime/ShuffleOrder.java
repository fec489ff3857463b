package dev.chainrule.runtime;

import java.util.SplittableRandom;

/**
 * The order training visits rows in when it shuffles: one Fisher–Yates pass per epoch over a
 * {@link SplittableRandom} seeded with {@code seed ^ SALT}. The exact draws are part of the
 * reproducibility contract, so every trainer (the runtime's loop, Spark's modes) uses this one.
 */
public final class ShuffleOrder {

    /** Keeps the shuffle's stream apart from the initializer's, which starts from the seed. */
    public static final long SALT = 0x5DEECE66DL;

    private ShuffleOrder() {}

    /** The stream a run with this seed shuffles from, epoch after epoch. */
    public static SplittableRandom random(long seed) {
        return new SplittableRandom(seed ^ SALT);
    }

    /** Fisher–Yates, in place. */
    public static void shuffle(int[] order, SplittableRandom rng) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
    }
}
