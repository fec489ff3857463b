package dev.chainrule.spark;

import dev.chainrule.runtime.BatchKernels;
import dev.chainrule.runtime.Network;
import dev.chainrule.runtime.ShuffleOrder;
import dev.chainrule.description.TrainingSpec;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Model averaging: every partition trains its own copy of the network on its rows with the
 * generated class's SGD steps (the description's batch size and rate, one thread), then the
 * driver averages the copies, weighted by how many rows each trained on. One round per epoch,
 * or with {@code syncEvery = k} a round every {@code k} local steps; one Spark job per round.
 *
 * <p>Each partition visits its rows in an order drawn from the seed, its partition index and the
 * epoch, so a round is a pure function of the broadcast weights: a retried task, and a second
 * run with the same partitioning, give the same weights bit for bit.
 */
final class AveragingTraining {

    private AveragingTraining() {
    }

    static SynchronousTraining.Trained train(JavaSparkContext sc, JavaRDD<Block> blocks,
                                             List<Integer> sizes, Description description,
                                             TrainingSpec training, int syncEvery) {
        int largest = sizes.stream().mapToInt(Integer::intValue).max().orElse(0);
        long rows = sizes.stream().mapToLong(Integer::longValue).sum();
        int batch = training.batchSize();
        int stepsPerEpoch = (largest + batch - 1) / batch;
        int stepsPerRound = syncEvery > 0 ? Math.min(syncEvery, stepsPerEpoch) : stepsPerEpoch;
        int rounds = (stepsPerEpoch + stepsPerRound - 1) / stepsPerRound;
        Settings settings = new Settings(batch, training.learningRate(), training.shuffle(),
                training.seed());
        Network net = description.initialized(training.seed());
        List<Double> losses = new ArrayList<>();
        List<Double> seconds = new ArrayList<>();
        TreeSet<String> kernels = new TreeSet<>();
        for (int epoch = 1; epoch <= training.epochs(); epoch++) {
            long start = System.nanoTime();
            double lossSum = 0;
            for (int round = 0; round < rounds; round++) {
                int from = round * stepsPerRound * batch;
                int to = from + stepsPerRound * batch;
                Broadcast<double[][]> weights = sc.broadcast(NetworkPool.getAll(net));
                int thisEpoch = epoch;
                long thisRound = (long) (epoch - 1) * rounds + round;
                List<Local> locals;
                try {
                    locals = blocks.map(block -> local(block, description, settings,
                            weights.value(), thisEpoch, thisRound, from, to)).collect();
                } finally {
                    weights.destroy();
                }
                double[][] average = null;
                long trained = 0;
                for (Local local : locals) {     // partition order: reproducible averages
                    kernels.add(local.kernels());
                    if (local.rows() > 0) {
                        lossSum += local.lossSum();
                        average = accumulate(average, local.weights(), local.rows());
                        trained += local.rows();
                    }
                }
                if (average != null) {
                    for (double[] values : average) {
                        for (int i = 0; i < values.length; i++) {
                            values[i] /= trained;
                        }
                    }
                    NetworkPool.setAll(net, average);
                }
            }
            losses.add(lossSum / rows);
            seconds.add((System.nanoTime() - start) / 1e9);
        }
        return new SynchronousTraining.Trained(net, losses, seconds, String.join(", ", kernels));
    }

    /**
     * Trains from {@code weights} on positions {@code [from, to)} of the partition's order:
     * plain SGD steps of the generated class, one thread (Spark runs the partitions in
     * parallel).
     */
    static Local local(Block block, Description description, Settings training,
                       double[][] weights, int epoch, long round, int from, int to) {
        SynchronousTraining.TaskHook h = SynchronousTraining.hook;
        if (h != null) {
            h.beforeGradient(block.partition(), round);
        }
        int n = block.size();
        int end = Math.min(to, n);
        if (from >= end) {
            return new Local(0, 0, null, BatchKernels.LIVE.simd());
        }
        int[] order = new int[n];
        for (int k = 0; k < n; k++) {
            order[k] = k;
        }
        if (training.shuffle()) {
            long stream = training.seed() ^ ShuffleOrder.SALT;
            SplittableRandom rng = new SplittableRandom(stream + 0x9E3779B97F4A7C15L
                    * (31L * block.partition() + epoch));
            ShuffleOrder.shuffle(order, rng);
        }
        Network net = NetworkPool.borrow(description);
        try {
            NetworkPool.setAll(net, weights);
            double lossSum = 0;
            for (int k = from; k < end; k += training.batchSize()) {
                int count = Math.min(training.batchSize(), end - k);
                double loss = net.trainBatch(block.inputs(), block.targets(), order, k, count,
                        training.learningRate());
                if (!Double.isFinite(loss)) {
                    throw new IllegalStateException("averaging: partition " + block.partition()
                            + " diverged in epoch " + epoch + " (the loss is " + loss
                            + "); try a learning rate below " + training.learningRate());
                }
                lossSum += loss;
            }
            return new Local(end - from, lossSum, NetworkPool.getAll(net),
                    BatchKernels.LIVE.simd());
        } finally {
            NetworkPool.giveBack(description, net);
        }
    }

    private static double[][] accumulate(double[][] sum, double[][] weights, long rows) {
        if (sum == null) {
            sum = new double[weights.length][];
            for (int p = 0; p < weights.length; p++) {
                sum[p] = new double[weights[p].length];
            }
        }
        for (int p = 0; p < weights.length; p++) {
            double[] s = sum[p];
            double[] w = weights[p];
            for (int i = 0; i < s.length; i++) {
                s[i] += rows * w[i];
            }
        }
        return sum;
    }

    /** The description's training settings a partition needs (TrainingSpec is not serializable). */
    record Settings(int batchSize, double learningRate, boolean shuffle, long seed)
            implements Serializable {
    }

    /** A partition's result of a round: rows trained on, their loss sum, its weights, kernels. */
    record Local(long rows, double lossSum, double[][] weights, String kernels)
            implements Serializable {
    }
}
