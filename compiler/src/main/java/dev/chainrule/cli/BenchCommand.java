package dev.chainrule.cli;

import dev.chainrule.Chainrule;
import dev.chainrule.runtime.BatchKernels;
import dev.chainrule.runtime.Dataset;
import dev.chainrule.runtime.GeneratedNetwork;
import dev.chainrule.runtime.Network;
import dev.chainrule.runtime.ParallelTrainer;
import dev.chainrule.runtime.Training;
import dev.chainrule.description.Description;
import dev.chainrule.description.NetworkSpec;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code chainrule bench}: training throughput of the generated trainer, like the benchmark
 * target tfcompile builds beside each library. Uses the description's training data, or random
 * data of the right shape when it has none.
 *
 * <pre>
 * chainrule bench samples/mnist.yaml --batch 1,32,128 --threads 2
 *
 * batch    1:  152,310 samples/s  (±2.1%)   30.6 GFLOP/s dense-equivalent
 * </pre>
 *
 * <p>GFLOP/s counts the dense work of a training step (forward, weight gradient, input
 * gradient of every layer but the first, update); skipped zero inputs make the real work less.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure training samples/s of the generated trainer.")
final class BenchCommand implements Callable<Integer> {

    @Mixin
    NetworkDescription description;

    @Option(names = "--batch", paramLabel = "B[,B...]", split = ",", defaultValue = "1",
            description = "Batch sizes to measure. Default: ${DEFAULT-VALUE}.")
    List<Integer> batches;

    @Option(names = "--data", paramLabel = "TRAIN",
            description = "Data to train on. Default: the description's, else random.")
    String data;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "3",
            description = "Measuring time per batch size, after as long a warm-up."
                    + " Default: ${DEFAULT-VALUE}.")
    double seconds;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads that train a minibatch. Default: every available processor.")
    Integer threads;

    @Mixin
    RunBackend run;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        for (int b : batches) {
            Counts.atLeastOne("chainrule bench", "--batch sizes", b);
        }
        if (!(seconds > 0) || seconds > 600) {
            throw new UserError("chainrule bench: --seconds must be in (0, 600], got " + seconds);
        }
        int threadCount = threads == null ? Training.defaultThreads()
                : Counts.atLeastOne("chainrule bench", "--threads", threads);
        Description network = description.parse();
        Dataset set = data != null || (network.data() != null && network.data().train() != null)
                ? DataSources.training(network, data) : random(network);
        PrintWriter out = spec.commandLine().getOut();
        // simd: the runtime's batch kernels in use (the Vector API's width, or off)
        out.printf(Locale.ROOT, "%s, %d samples, %s backend, %d thread%s, simd: %s%n",
                network instanceof NetworkSpec layers ? Chainrule.summary(layers)
                        : network.qualifiedName() + " (graph)", set.size(), run.backend.name().toLowerCase(Locale.ROOT),
                threadCount, threadCount == 1 ? "" : "s", BatchKernels.LIVE.simd());
        double flops = network instanceof NetworkSpec layers ? denseFlopsPerSample(layers)
                : Double.NaN;
        for (int batch : batches) {
            Network net = Networks.initialized(network, run.backend, network.training().seed());
            double[] rates;
            try (ParallelTrainer trainer = new ParallelTrainer((GeneratedNetwork) net, threadCount)) {
                rates = measure(trainer, set, batch, network.training().learningRate());
            }
            double median = rates[rates.length / 2];
            double spread = (rates[rates.length - 1] - rates[0]) / 2 / median;
            out.printf(Locale.ROOT, "batch %4d: %,10.0f samples/s  (±%.1f%%)  %7.2f GFLOP/s"
                    + " dense-equivalent%n", batch, median, 100 * spread, median * flops / 1e9);
            out.flush();
        }
        return Main.EXIT_OK;
    }

    /** Samples/s of repeated passes over the data, sorted; warm-up passes first. */
    private double[] measure(ParallelTrainer net, Dataset set, int batch, double learningRate) {
        int n = set.size();
        int[] order = new int[n];
        for (int k = 0; k < n; k++) {
            order[k] = k;
        }
        long warmUpEnd = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < warmUpEnd) {
            pass(net, set, order, batch, learningRate);
        }
        double[] rates = new double[7];
        long slice = (long) (seconds * 1e9 / rates.length);
        for (int r = 0; r < rates.length; r++) {
            long start = System.nanoTime();
            long samples = 0;
            do {
                samples += pass(net, set, order, batch, learningRate);
            } while (System.nanoTime() - start < slice);
            rates[r] = samples / ((System.nanoTime() - start) / 1e9);
        }
        Arrays.sort(rates);
        return rates;
    }

    private static int pass(ParallelTrainer net, Dataset set, int[] order, int batch, double lr) {
        int n = Math.min(set.size(), 2048);
        for (int from = 0; from < n; from += batch) {
            net.trainBatch(set.inputs(), set.targets(), order, from, Math.min(batch, n - from), lr);
        }
        return n;
    }

    /** Forward 2·in·out, weight gradient 2·in·out, input gradient 2·in·out but for layer 1. */
    static double denseFlopsPerSample(NetworkSpec spec) {
        double flops = 0;
        for (int l = 0; l < spec.layers().size(); l++) {
            double macs = spec.layers().get(l).multiplyAdds();
            flops += (l == 0 ? 4 : 6) * macs;
        }
        return flops;
    }

    /** Random inputs (a quarter exactly zero, like sparse data) and matching targets. */
    private static Dataset random(Description spec) {
        Random rnd = new Random(spec.training().seed());
        int n = 2048;
        double[][] xs = new double[n][Networks.inputWidth(spec)];
        double[][] ts = new double[n][Networks.targetWidth(spec)];
        boolean classifier = Networks.classifier(spec);
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < xs[k].length; i++) {
                xs[k][i] = rnd.nextInt(4) == 0 ? 0 : rnd.nextDouble();
            }
            if (classifier) {
                ts[k][rnd.nextInt(ts[k].length)] = 1;
            } else {
                for (int o = 0; o < ts[k].length; o++) {
                    ts[k][o] = rnd.nextDouble();
                }
            }
        }
        return new Dataset("random", xs[0].length, ts[0].length, xs, ts);
    }
}
