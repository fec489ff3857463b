package dev.chainrule.spark;

import java.io.Serializable;
import java.util.List;

/**
 * What a fit measured: the mean training loss and the wall time of every epoch, the time of
 * the one pass that converted the data frame's rows to arrays and stored them (before the first
 * epoch), and which batch kernels the training tasks' JVMs hold for float networks
 * ({@code BatchKernels.LIVE.simd()}): e.g. {@code "512-bit"}, the Vector API (the executors
 * run with {@code --add-modules jdk.incubator.vector}), or {@code "off"}, plain Java;
 * executors that differ are all listed ({@code "512-bit, off"}). Empty for a loaded model.
 *
 * <pre>{@code
 * FitSummary s = model.summary();
 * double rowsPerSecond = rows / s.epochSeconds().get(0);
 * }</pre>
 */
public record FitSummary(List<Double> epochLosses, double cachingSeconds,
                         List<Double> epochSeconds, String kernels) implements Serializable {

    public FitSummary {
        epochLosses = List.copyOf(epochLosses);
        epochSeconds = List.copyOf(epochSeconds);
    }

    static final FitSummary NONE = new FitSummary(List.of(), 0, List.of(), "");
}
