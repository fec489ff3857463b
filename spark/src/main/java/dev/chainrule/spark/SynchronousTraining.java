package dev.chainrule.spark;

import dev.chainrule.runtime.BatchKernels;
import dev.chainrule.runtime.GradientSums;
import dev.chainrule.runtime.Network;
import dev.chainrule.runtime.ShuffleOrder;
import dev.chainrule.spark.PartialSums.Partial;
import dev.chainrule.description.TrainingSpec;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import scala.collection.Iterator;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction1;

/**
 * Data-parallel minibatch training: the steps of {@code chainrule train}, each spread over the
 * partitions, one barrier stage per epoch ({@code RDD.barrier()}, as XGBoost and SynapseML's
 * LightGBM train: Spark starts every task of the stage together and retries the stage
 * all-or-nothing). Per step, every task sums the gradients of the step's rows it holds with the
 * generated trainer, the {@link StepExchange} adds the partial sums in partition order, and
 * every task applies the {@link ParameterUpdate} to its copy: all hold the same weights after
 * every step, and no Spark job is scheduled per step. The driver broadcasts the weights and the
 * epoch's sample order once per epoch and takes the weights back from partition 0.
 *
 * <p>The sample order is the CLI's: with {@code shuffle}, a Fisher–Yates pass per epoch drawn
 * from {@code SplittableRandom(seed ^ 0x5DEECE66DL)} over the global row indices, so a global
 * batch holds the same rows as the CLI's batch at the same batch size. The sums differ from the
 * CLI's only in the order of additions (rounding). An epoch is a pure function of its broadcast
 * weights and order, so with a fixed partitioning every run gives the same weights bit for bit,
 * and so does a stage Spark retried after a failed task.
 */
final class SynchronousTraining {

    /** A test hook: called in every training task before each step (or round); may throw. */
    static volatile TaskHook hook;

    /** Called by every training task with its partition and global step (from 0). */
    interface TaskHook extends Serializable {
        void beforeGradient(int partition, long step);
    }

    private SynchronousTraining() {
    }

    /**
     * Trains a network initialized as the CLI would, and returns it with the mean training loss
     * and the wall time of every epoch. {@code sizes} are the blocks' row counts in partition
     * order; there must be no more blocks than task slots (a barrier stage runs them together).
     */
    static Trained train(JavaSparkContext sc, JavaRDD<Block> blocks, List<Integer> sizes,
                         Description description, TrainingSpec training,
                         ParameterUpdate update) {
        long rows = sizes.stream().mapToLong(Integer::longValue).sum();
        if (rows > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("synchronous mode orders at most 2^31 - 9 rows, got "
                    + rows + "; use averaging");
        }
        int n = (int) rows;
        long[] firsts = Blocks.firsts(sizes);
        Network net = description.initialized(training.seed());
        double[][] parameters = NetworkPool.getAll(net);
        int[] order = new int[n];
        for (int k = 0; k < n; k++) {
            order[k] = k;
        }
        SplittableRandom rng = ShuffleOrder.random(training.seed());
        int batch = training.batchSize();
        long stepsPerEpoch = (n + batch - 1) / batch;
        ClassTag<EpochEnd> tag = ClassTag$.MODULE$.apply(EpochEnd.class);
        List<Double> losses = new ArrayList<>();
        List<Double> seconds = new ArrayList<>();
        TreeSet<String> kernels = new TreeSet<>();
        try (Rendezvous rendezvous = Rendezvous.open(sc.getConf().get("spark.driver.host"))) {
            for (int epoch = 1; epoch <= training.epochs(); epoch++) {
                long start = System.nanoTime();
                if (training.shuffle()) {
                    ShuffleOrder.shuffle(order, rng);
                }
                // Copies: in local mode tasks may read the very objects broadcast.
                Broadcast<EpochPlan> plan = sc.broadcast(new EpochPlan(parameters, order.clone(),
                        firsts, batch, (epoch - 1) * stepsPerEpoch));
                List<EpochEnd> ends;
                try {
                    // The shuffle after the barrier stage makes it a map stage, which Spark
                    // retries after a failed task (a failed barrier result stage is not).
                    ends = JavaRDD.fromRDD(blocks.rdd().barrier().mapPartitions(
                            new EpochTask(description, plan, update, rendezvous.address()), false,
                            tag), tag)
                            .repartition(1).collect();
                } finally {
                    plan.destroy();
                }
                EpochEnd first = ends.stream().filter(e -> e.weights() != null).findFirst()
                        .orElseThrow();
                parameters = first.weights();
                ends.forEach(e -> kernels.add(e.kernels()));
                losses.add(first.lossSum() / n);
                seconds.add((System.nanoTime() - start) / 1e9);
            }
        }
        NetworkPool.setAll(net, parameters);
        return new Trained(net, losses, seconds, String.join(", ", kernels));
    }

    /** What every task of an epoch reads: its starting weights and the global sample order. */
    record EpochPlan(double[][] weights, int[] order, long[] firsts, int batchSize,
                     long firstStep) implements Serializable {
    }

    /**
     * A task's end of an epoch: the epoch's loss sum, (partition 0 only) the weights, and its
     * JVM's batch kernels.
     */
    record EpochEnd(int partition, double lossSum, double[][] weights, String kernels)
            implements Serializable {
    }

    /** One barrier task: every step of an epoch over its block, in step with the others. */
    private static final class EpochTask extends AbstractFunction1<Iterator<Block>,
            Iterator<EpochEnd>> implements Serializable {
        private final Description description;
        private final Broadcast<EpochPlan> plan;
        private final ParameterUpdate update;
        private final Rendezvous.Address driver;

        EpochTask(Description description, Broadcast<EpochPlan> plan, ParameterUpdate update,
                  Rendezvous.Address driver) {
            this.description = description;
            this.plan = plan;
            this.update = update;
            this.driver = driver;
        }

        @Override
        public Iterator<EpochEnd> apply(Iterator<Block> blocks) {
            Block block = blocks.next();
            BarrierTaskContext context = BarrierTaskContext.get();
            EpochPlan p = plan.value();
            double[][] weights = new double[p.weights().length][];
            int[] sizes = new int[weights.length];
            for (int i = 0; i < weights.length; i++) {
                weights[i] = p.weights()[i].clone();
                sizes[i] = weights[i].length;
            }
            int[] order = p.order();
            long first = p.firsts()[block.partition()];
            long end = first + block.size();
            int[] local = new int[p.batchSize()];
            double lossSum = 0;
            long step = p.firstStep();
            Network net = NetworkPool.borrow(description);
            try (StepExchange exchange = StepExchange.open(context, driver, block.partition(),
                    sizes, !net.doublePrecision())) {
                for (int from = 0; from < order.length; from += p.batchSize(), step++) {
                    int count = Math.min(p.batchSize(), order.length - from);
                    TaskHook h = hook;
                    if (h != null) {
                        h.beforeGradient(block.partition(), step);
                    }
                    int held = 0;
                    for (int k = from; k < from + count; k++) {
                        if (order[k] >= first && order[k] < end) {
                            local[held++] = (int) (order[k] - first);
                        }
                    }
                    Partial mine = new Partial(block.partition(), 0, null);
                    if (held > 0) {
                        NetworkPool.setAll(net, weights);
                        double loss = GradientSums.accumulate(net, block.inputs(),
                                block.targets(), local, 0, held);
                        mine = new Partial(block.partition(), loss, GradientSums.read(net));
                    }
                    Partial total = exchange.total(mine);
                    lossSum += total.lossSum();
                    update.apply(weights, total.gradientSum(), count);
                }
            } finally {
                NetworkPool.giveBack(description, net);
            }
            EpochEnd result = new EpochEnd(block.partition(), lossSum,
                    block.partition() == 0 ? weights : null, BatchKernels.LIVE.simd());
            return CollectionConverters.asScala(List.of(result).iterator());
        }
    }

    /**
     * The trained network, the mean training loss and wall time of every epoch, and the batch
     * kernels the tasks ran ({@link FitSummary#kernels()}).
     */
    record Trained(Network network, List<Double> epochLosses, List<Double> epochSeconds,
                   String kernels) {
    }
}
