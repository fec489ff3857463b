package dev.chainrule.runtime;

import java.util.Locale;

/**
 * Training stopped because a loss or a parameter became NaN or infinite. The message is one
 * line naming the epoch and batch (both from 1) and suggesting a smaller learning rate (or, when
 * the loss is not finite before any step, saying so):
 *
 * <pre>{@code
 * try {
 *     training.run(net, train, null, null);
 * } catch (DivergenceException e) {
 *     System.err.println(e.getMessage());
 *     // training diverged in epoch 3, batch 17: the loss is NaN; try a smaller learning rate
 *     // (this one was 5.0)
 * }
 * }</pre>
 *
 * The network's parameters are then unusable; a checkpoint of the last completed epoch is left
 * as it was.
 */
public final class DivergenceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int epoch;
    private final int batch;

    DivergenceException(int epoch, int batch, String what, double learningRate) {
        this(epoch, batch, String.format(Locale.ROOT, "training diverged in epoch %d, batch %d:"
                + " %s; try a smaller learning rate (this one was %s)", epoch, batch, what,
                Numbers.readable(learningRate)));
    }

    /**
     * A loss that is NaN or infinite before the run took any step: the starting weights or the
     * data make it so, not the learning rate, and the message says that.
     */
    static DivergenceException beforeAnyStep(int epoch, int batch, String what) {
        return new DivergenceException(epoch, batch, String.format(Locale.ROOT, "training cannot"
                + " start: in epoch %d, batch %d, %s at the starting weights, before any step"
                + " (check the data and the starting weights; the learning rate plays no part"
                + " yet)", epoch, batch, what));
    }

    private DivergenceException(int epoch, int batch, String message) {
        super(message);
        this.epoch = epoch;
        this.batch = batch;
    }

    /** The epoch, from 1. */
    public int epoch() {
        return epoch;
    }

    /** The batch within the epoch, from 1. */
    public int batch() {
        return batch;
    }
}
