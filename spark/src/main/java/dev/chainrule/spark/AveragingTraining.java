package dev.chainrule.spark;

import dev.chainrule.runtime.Dataset;
import dev.chainrule.runtime.EpochResult;
import dev.chainrule.runtime.Network;
import dev.chainrule.runtime.Training;
import dev.chainrule.spec.TrainingSpec;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Model averaging: every partition trains its own copy of the network on its rows with the
 * runtime's {@link Training} (the description's settings, one thread), then the driver averages
 * the copies, weighted by how many rows each trained on. One round per epoch, or with
 * {@code syncEvery = k} a round every {@code k} local steps; one Spark job per round.
 *
 * <p>Each partition visits its rows in an order drawn from the seed, its partition index and the
 * epoch, so a round is a pure function of the broadcast weights: a retried task, and a second
 * run with the same partitioning, give the same weights bit for bit.
 */
final class AveragingTraining {

    private AveragingTraining() {
    }

    static SynchronousTraining.Trained train(JavaSparkContext sc, JavaRDD<Block> blocks,
                                             Description description, TrainingSpec training,
                                             int syncEvery) {
        List<Integer> sizes = blocks.map(Block::size).collect();
        int largest = sizes.stream().mapToInt(Integer::intValue).max().orElse(0);
        long rows = sizes.stream().mapToLong(Integer::longValue).sum();
        int batch = training.batchSize();
        int stepsPerEpoch = (largest + batch - 1) / batch;
        int stepsPerRound = syncEvery > 0 ? Math.min(syncEvery, stepsPerEpoch) : stepsPerEpoch;
        int rounds = (stepsPerEpoch + stepsPerRound - 1) / stepsPerRound;
        Settings settings = new Settings(batch, training.learningRate(), training.shuffle(),
                training.seed());
        Network net = description.initialized();
        List<Double> losses = new ArrayList<>();
        for (int epoch = 1; epoch <= training.epochs(); epoch++) {
            double lossSum = 0;
            for (int round = 0; round < rounds; round++) {
                int from = round * stepsPerRound * batch;
                int to = from + stepsPerRound * batch;
                Broadcast<double[][]> weights = sc.broadcast(NetworkPool.getAll(net));
                int thisEpoch = epoch;
                List<Local> locals;
                try {
                    locals = blocks.map(block -> local(block, description, settings,
                            weights.value(), thisEpoch, from, to)).collect();
                } finally {
                    weights.destroy();
                }
                double[][] average = null;
                long trained = 0;
                for (Local local : locals) {     // partition order: reproducible averages
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
        }
        return new SynchronousTraining.Trained(net, losses);
    }

    /** Trains from {@code weights} on positions {@code [from, to)} of the partition's order. */
    static Local local(Block block, Description description, Settings training,
                       double[][] weights, int epoch, int from, int to) {
        int n = block.size();
        int end = Math.min(to, n);
        if (from >= end) {
            return new Local(0, 0, null);
        }
        int[] order = new int[n];
        for (int k = 0; k < n; k++) {
            order[k] = k;
        }
        if (training.shuffle()) {
            long stream = training.seed() ^ SynchronousTraining.SHUFFLE_SALT;
            SplittableRandom rng = new SplittableRandom(stream + 0x9E3779B97F4A7C15L
                    * (31L * block.partition() + epoch));
            SynchronousTraining.shuffle(order, rng);
        }
        double[][] xs = new double[end - from][];
        double[][] ts = new double[end - from][];
        for (int k = from; k < end; k++) {
            xs[k - from] = block.inputs()[order[k]];
            ts[k - from] = block.targets()[order[k]];
        }
        Network net = NetworkPool.borrow(description);
        try {
            NetworkPool.setAll(net, weights);
            Dataset slice = new Dataset("partition " + block.partition(), xs[0].length,
                    ts[0].length, xs, ts);
            EpochResult result = localTraining(training).run(net, slice, null, null).get(0);
            return new Local(xs.length, result.meanLoss() * xs.length, NetworkPool.getAll(net));
        } finally {
            NetworkPool.giveBack(description, net);
        }
    }

    /**
     * The runtime training a partition runs on its slice: the description's settings, one epoch
     * over the slice in the order given (already shuffled), one thread (Spark runs the
     * partitions in parallel).
     */
    static Training localTraining(Settings training) {
        return Training.builder()
                .epochs(1)
                .batchSize(training.batchSize())
                .learningRate(training.learningRate())
                .shuffle(false)
                .seed(training.seed())
                .threads(1)
                .build();
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

    /** A partition's result of a round: rows trained on, their loss sum, its weights. */
    record Local(long rows, double lossSum, double[][] weights) implements Serializable {
    }
}
