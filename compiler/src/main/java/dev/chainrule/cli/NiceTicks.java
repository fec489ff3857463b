package dev.chainrule.cli;

/**
 * Axis ticks at round numbers: a step of 1, 2 or 5 times a power of ten, chosen so that about
 * {@code count} steps cover the range, and an axis widened to whole steps
 * ({@code 0.0067..0.031} becomes {@code 0.005, 0.01, ..., 0.035}).
 *
 * @param first the lowest tick, at or below the range's minimum
 * @param step the distance between ticks
 * @param steps how many steps from {@code first} to the last tick, at or above the maximum
 */
record NiceTicks(double first, double step, int steps) {

    /** Ticks for values from {@code min} to {@code max} ({@code min < max}), about count steps. */
    static NiceTicks of(double min, double max, int count) {
        double step = niceStep((max - min) / count);
        long low = (long) Math.floor(min / step + 1e-9);
        long high = (long) Math.ceil(max / step - 1e-9);
        return new NiceTicks(low * step, step, (int) Math.max(1, high - low));
    }

    /** The smallest 1, 2 or 5 times a power of ten that is at least {@code raw}. */
    static double niceStep(double raw) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        for (int factor : new int[] {1, 2, 5, 10}) {
            if (factor * magnitude >= raw * (1 - 1e-9)) {
                return factor * magnitude;
            }
        }
        return 10 * magnitude;
    }

    /** The k-th tick, rounded to the step's own digits (no 0.30000000000000004). */
    double tick(int k) {
        double value = (Math.round(first / step) + k) * step;
        int digits = Math.max(0, -(int) Math.floor(Math.log10(step)) + 1);
        return new java.math.BigDecimal(value).setScale(digits, java.math.RoundingMode.HALF_EVEN)
                .doubleValue();
    }

    double last() {
        return tick(steps);
    }
}
