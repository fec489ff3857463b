package dev.chainrule.spark;

import dev.chainrule.runtime.GradientSums;
import dev.chainrule.runtime.Network;
import dev.chainrule.spark.PartialSums.Partial;
import dev.chainrule.spec.TrainingSpec;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Data-parallel minibatch training: the steps of {@code chainrule train}, each spread over the
 * partitions. Per step the driver broadcasts the weights and names the step's samples (global
 * row indices); every partition sums the gradients of its share with the generated trainer;
 * {@link PartialSums} adds the partial sums in a fixed order, and the driver applies the
 * {@link ParameterUpdate}.
 *
 * <p>The sample order is the CLI's: with {@code shuffle}, a Fisher–Yates pass per epoch drawn
 * from {@code SplittableRandom(seed ^ 0x5DEECE66DL)} over the global row indices, so a global
 * batch holds the same rows as the CLI's batch at the same batch size. The sums differ from the
 * CLI's only in the order of additions (rounding). Partial sums are added in a fixed order
 * whatever order tasks finish in, so with a fixed partitioning every run gives the same weights
 * bit for bit, and a retried task recomputes the same partial sum.
 */
final class SynchronousTraining {

    /** The runtime's shuffle salt ({@code Training}): the same stream as the CLI's shuffling. */
    static final long SHUFFLE_SALT = 0x5DEECE66DL;

    /** A test hook: called in every gradient task before it computes; may throw. */
    static volatile TaskHook hook;

    /** Called by every gradient task with its partition and global step (from 0). */
    interface TaskHook extends Serializable {
        void beforeGradient(int partition, long step);
    }

    private SynchronousTraining() {
    }

    /**
     * Trains a network initialized as the CLI would, in place on the driver, and returns it
     * with the mean training loss of every epoch.
     */
    static Trained train(JavaSparkContext sc, JavaRDD<Block> blocks, long rows,
                         Description description, TrainingSpec training,
                         ParameterUpdate update) {
        if (rows > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("synchronous mode orders at most 2^31 - 9 rows, got "
                    + rows + "; use averaging");
        }
        int n = (int) rows;
        Network net = description.initialized();
        int[] order = new int[n];
        for (int k = 0; k < n; k++) {
            order[k] = k;
        }
        SplittableRandom rng = new SplittableRandom(training.seed() ^ SHUFFLE_SALT);
        List<Double> losses = new ArrayList<>();
        long step = 0;
        for (int epoch = 1; epoch <= training.epochs(); epoch++) {
            if (training.shuffle()) {
                shuffle(order, rng);
            }
            double lossSum = 0;
            for (int from = 0; from < n; from += training.batchSize()) {
                int count = Math.min(training.batchSize(), n - from);
                long[] batch = new long[count];
                for (int s = 0; s < count; s++) {
                    batch[s] = order[from + s];
                }
                double[][] parameters = NetworkPool.getAll(net);
                Broadcast<double[][]> weights = sc.broadcast(parameters);
                long thisStep = step++;
                Partial total;
                try {
                    total = PartialSums.total(blocks.map(block ->
                            partial(block, description, weights.value(), batch, thisStep)));
                } finally {
                    weights.destroy();
                }
                lossSum += total.lossSum();
                update.apply(parameters, total.gradientSum(), count);
                NetworkPool.setAll(net, parameters);
            }
            losses.add(lossSum / n);
        }
        return new Trained(net, losses);
    }

    /** One partition's share of a step: the gradient sum of the batch rows it holds. */
    static Partial partial(Block block, Description description, double[][] weights,
                           long[] batch, long step) {
        TaskHook h = hook;
        if (h != null) {
            h.beforeGradient(block.partition(), step);
        }
        int[] local = new int[batch.length];
        int count = 0;
        for (long index : batch) {
            if (block.holds(index)) {
                local[count++] = (int) (index - block.first());
            }
        }
        if (count == 0) {
            return new Partial(block.partition(), 0, null);
        }
        Network net = NetworkPool.borrow(description);
        try {
            NetworkPool.setAll(net, weights);
            double lossSum = GradientSums.accumulate(net, block.inputs(), block.targets(), local,
                    0, count);
            return new Partial(block.partition(), lossSum, GradientSums.read(net));
        } finally {
            NetworkPool.giveBack(description, net);
        }
    }

    /** The CLI's Fisher–Yates pass (the runtime's {@code Training.shuffle}). */
    static void shuffle(int[] order, SplittableRandom rng) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
    }

    /** The trained network and the mean training loss of every epoch. */
    record Trained(Network network, List<Double> epochLosses) {
    }
}
