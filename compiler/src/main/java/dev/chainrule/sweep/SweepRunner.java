package dev.chainrule.sweep;

import java.util.List;

/**
 * Runs a sweep's trials somewhere other than local threads; found with
 * {@link java.util.ServiceLoader} when its jar is on the class path. {@code chainrule-spark}
 * provides one that runs a Spark task per trial ({@code chainrule sweep --spark MASTER}).
 */
public interface SweepRunner {

    /**
     * Runs every trial ({@link SweepInput#run}) and returns the results in any order.
     *
     * @param master where to run, as the user gave it to {@code --spark}
     */
    List<TrialResult> run(SweepInput input, List<Trial> trials, String master);
}
