package dev.chainrule.runtime;

import java.util.Locale;

/**
 * How the learning rate changes from epoch to epoch, stepped after every epoch like PyTorch
 * 1.13's schedulers (their recursive, "chainable" form, so the rates match PyTorch's bit for
 * bit wherever {@code Math.cos} matches C's {@code cos}). Immutable.
 *
 * <pre>{@code
 * Schedule.constant();                 // the rate never changes (the default)
 * Schedule.step(5, 0.5);               // StepLR: halve every 5 epochs
 * Schedule.exponential(0.95);          // ExponentialLR: times 0.95 after every epoch
 * Schedule.cosine(20, 1e-4);           // CosineAnnealingLR(T_max=20, eta_min=1e-4)
 * Training.builder().learningRate(0.1).schedule(Schedule.step(5, 0.5)).build();
 * }</pre>
 *
 * <p>Epoch {@code e} (from 1) trains with the rate after {@code e - 1} scheduler steps. Past
 * {@code T_max} the cosine goes back up and down again, as PyTorch's does.
 */
public final class Schedule {

    /** The kind of schedule. */
    public enum Type {
        CONSTANT("constant"), STEP("step"), EXPONENTIAL("exponential"), COSINE("cosine");

        private final String spelling;

        Type(String spelling) {
            this.spelling = spelling;
        }

        /** As written in a description. */
        public String spelling() {
            return spelling;
        }
    }

    private final Type type;
    private final int period;
    private final double gamma;
    private final double etaMin;

    private Schedule(Type type, int period, double gamma, double etaMin) {
        this.type = type;
        this.period = period;
        this.gamma = gamma;
        this.etaMin = etaMin;
    }

    /** Keeps the learning rate. */
    public static Schedule constant() {
        return new Schedule(Type.CONSTANT, 0, 1, 0);
    }

    /**
     * StepLR: the rate times {@code gamma} every {@code stepSize} epochs.
     *
     * @throws IllegalArgumentException unless {@code stepSize >= 1} and {@code gamma} is finite
     *     and {@code >= 0}
     */
    public static Schedule step(int stepSize, double gamma) {
        if (stepSize < 1) {
            throw new IllegalArgumentException("step_size must be at least 1, got " + stepSize);
        }
        checkGamma(gamma);
        return new Schedule(Type.STEP, stepSize, gamma, 0);
    }

    /** ExponentialLR: the rate times {@code gamma} after every epoch. */
    public static Schedule exponential(double gamma) {
        checkGamma(gamma);
        return new Schedule(Type.EXPONENTIAL, 0, gamma, 0);
    }

    /**
     * CosineAnnealingLR: from the base rate down to {@code etaMin} over {@code tMax} epochs.
     *
     * @throws IllegalArgumentException unless {@code tMax >= 1} and {@code etaMin} is finite
     *     and {@code >= 0}
     */
    public static Schedule cosine(int tMax, double etaMin) {
        if (tMax < 1) {
            throw new IllegalArgumentException("t_max must be at least 1, got " + tMax);
        }
        if (!(etaMin >= 0) || Double.isInfinite(etaMin)) {
            throw new IllegalArgumentException("eta_min must be finite and >= 0, got " + etaMin);
        }
        return new Schedule(Type.COSINE, tMax, 1, etaMin);
    }

    private static void checkGamma(double gamma) {
        if (!(gamma >= 0) || Double.isInfinite(gamma)) {
            throw new IllegalArgumentException("gamma must be finite and >= 0, got " + gamma);
        }
    }

    public Type type() {
        return type;
    }

    /** StepLR's step_size or cosine's T_max; 0 otherwise. */
    public int period() {
        return period;
    }

    public double gamma() {
        return gamma;
    }

    public double etaMin() {
        return etaMin;
    }

    /**
     * The rate after the scheduler's {@code lastEpoch}-th step (from 1), given the rate before
     * it ({@code rate}) and the base rate: PyTorch's {@code get_lr()} for that step.
     */
    public double next(double rate, double baseRate, int lastEpoch) {
        switch (type) {
            case STEP:
                return lastEpoch % period == 0 ? rate * gamma : rate;
            case EXPONENTIAL:
                return rate * gamma;
            case COSINE:
                if ((lastEpoch - 1 - period) % (2 * period) == 0) {
                    return rate + (baseRate - etaMin) * (1 - Math.cos(Math.PI / period)) / 2;
                }
                return (1 + Math.cos(Math.PI * lastEpoch / period))
                        / (1 + Math.cos(Math.PI * (lastEpoch - 1) / period))
                        * (rate - etaMin) + etaMin;
            default:
                return rate;
        }
    }

    /** The rate epoch {@code epoch} (from 1) trains with, starting from {@code baseRate}. */
    public double rateOfEpoch(double baseRate, int epoch) {
        double rate = baseRate;
        for (int step = 1; step < epoch; step++) {
            rate = next(rate, baseRate, step);
        }
        return rate;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Schedule && toString().equals(o.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    @Override
    public String toString() {
        switch (type) {
            case STEP:
                return String.format(Locale.ROOT, "step(step_size=%d, gamma=%s)", period, gamma);
            case EXPONENTIAL:
                return String.format(Locale.ROOT, "exponential(gamma=%s)", gamma);
            case COSINE:
                return String.format(Locale.ROOT, "cosine(t_max=%d, eta_min=%s)", period, etaMin);
            default:
                return "constant";
        }
    }
}
