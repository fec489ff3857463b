package dev.chainrule.runtime;

import java.util.Locale;

/**
 * When to stop training because the validation loss stopped improving, as Keras's
 * {@code EarlyStopping(monitor="val_loss")}: an epoch improves when its validation loss is
 * below the best so far minus {@code minDelta}, and only then becomes the best; training stops
 * after {@code patience} epochs in a row without improvement. With {@code restoreBest}, the best
 * epoch's weights are put back when training ends, stopped early or not. Needs a
 * {@linkplain Training.Builder#validationSplit validation split}. Immutable.
 *
 * <pre>{@code
 * EarlyStopping stopping = EarlyStopping.patience(3);                // min_delta 0, restore best
 * EarlyStopping strict = EarlyStopping.patience(10).withMinDelta(1e-4).withRestoreBest(false);
 * Training.builder().validationSplit(0.1).earlyStopping(stopping).build();
 * }</pre>
 */
public final class EarlyStopping {

    /** Patience when a description gives none. */
    public static final int DEFAULT_PATIENCE = 5;

    private final int patience;
    private final double minDelta;
    private final boolean restoreBest;

    private EarlyStopping(int patience, double minDelta, boolean restoreBest) {
        if (patience < 1) {
            throw new IllegalArgumentException("patience must be at least 1, got " + patience);
        }
        if (!(minDelta >= 0) || Double.isInfinite(minDelta)) {
            throw new IllegalArgumentException("min_delta must be finite and >= 0, got "
                    + minDelta);
        }
        this.patience = patience;
        this.minDelta = minDelta;
        this.restoreBest = restoreBest;
    }

    /** Stops after {@code patience} epochs without improvement; min delta 0, restore best. */
    public static EarlyStopping patience(int patience) {
        return new EarlyStopping(patience, 0, true);
    }

    /** The defaults: patience 5, min delta 0, restore best. */
    public static EarlyStopping defaults() {
        return patience(DEFAULT_PATIENCE);
    }

    public EarlyStopping withMinDelta(double minDelta) {
        return new EarlyStopping(patience, minDelta, restoreBest);
    }

    public EarlyStopping withRestoreBest(boolean restoreBest) {
        return new EarlyStopping(patience, minDelta, restoreBest);
    }

    public int patience() {
        return patience;
    }

    public double minDelta() {
        return minDelta;
    }

    public boolean restoreBest() {
        return restoreBest;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EarlyStopping && toString().equals(o.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "early_stopping(patience=%d, min_delta=%s,"
                + " restore_best=%b)", patience, minDelta, restoreBest);
    }
}
