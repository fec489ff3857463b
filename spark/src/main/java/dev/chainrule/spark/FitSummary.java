package dev.chainrule.spark;

import java.io.Serializable;
import java.util.List;

/**
 * What a fit measured: the mean training loss and the wall time of every epoch, and the time of
 * the one pass that converted the data frame's rows to arrays and stored them (before the first
 * epoch). Empty for a loaded model.
 *
 * <pre>{@code
 * FitSummary s = model.summary();
 * double rowsPerSecond = rows / s.epochSeconds().get(0);
 * }</pre>
 */
public record FitSummary(List<Double> epochLosses, double cachingSeconds,
                         List<Double> epochSeconds) implements Serializable {

    public FitSummary {
        epochLosses = List.copyOf(epochLosses);
        epochSeconds = List.copyOf(epochSeconds);
    }

    static final FitSummary NONE = new FitSummary(List.of(), 0, List.of());
}
