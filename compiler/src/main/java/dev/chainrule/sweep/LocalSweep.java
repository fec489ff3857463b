package dev.chainrule.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs a sweep's trials on local threads, one trial per thread at a time. */
public final class LocalSweep {

    private LocalSweep() {
    }

    /** Results in trial order; a failing trial's exception is rethrown as it was. */
    public static List<TrialResult> run(SweepInput input, List<Trial> trials, int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads,
                trials.size())), runnable -> {
                    Thread thread = new Thread(runnable, "chainrule-sweep");
                    thread.setDaemon(true);
                    return thread;
                });
        try {
            List<Future<TrialResult>> futures = new ArrayList<>();
            for (Trial trial : trials) {
                futures.add(pool.submit(() -> input.run(trial)));
            }
            List<TrialResult> results = new ArrayList<>();
            for (Future<TrialResult> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
