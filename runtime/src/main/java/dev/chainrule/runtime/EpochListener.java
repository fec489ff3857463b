package dev.chainrule.runtime;

/**
 * Hears from {@link Training#run} as training goes: once after every epoch, and (optionally)
 * with progress inside an epoch, for a progress bar.
 *
 * <pre>{@code
 * training.run(net, train, test, result -> System.out.println(result));
 * }</pre>
 *
 * Both methods run on the training thread, between batches: keep them quick.
 */
@FunctionalInterface
public interface EpochListener {

    /** An epoch ended and was evaluated. */
    void epochFinished(EpochResult result);

    /**
     * {@code samplesDone} of {@code samples} of epoch {@code epoch} (from 1) are trained. Called
     * after a batch whenever the whole percentage done has grown, so at most about 100 times
     * per epoch, and always with {@code samplesDone == samples} at the end of the epoch.
     */
    default void progress(int epoch, int samplesDone, int samples) {
    }
}
