package dev.chainrule.spark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaRDD;
import scala.Tuple2;

/**
 * Adds the partitions' gradient sums in a fixed order, so the total is the same bit for bit
 * whatever order tasks finish in (Spark's own {@code treeAggregate} merges in completion
 * order). Up to {@value #FAN_IN} partitions, the driver collects them and adds them in partition
 * order. Beyond, it is a two-level tree: partition {@code p} goes to group {@code p / width};
 * each group adds its members in partition order on an executor; the driver adds the groups in
 * group order.
 */
final class PartialSums {

    /** Most partial sums the driver collects at once. */
    static final int FAN_IN = 16;

    private PartialSums() {
    }

    /** One partition's loss and gradient sum ({@code null} gradient: held none of the rows). */
    record Partial(int partition, double lossSum, double[][] gradientSum)
            implements java.io.Serializable {
    }

    /** The sum of every partial, as one partial (partition -1). */
    static Partial total(JavaRDD<Partial> partials) {
        int partitions = partials.getNumPartitions();
        List<Partial> level;
        if (partitions <= FAN_IN) {
            level = partials.collect();
        } else {
            int width = (partitions + FAN_IN - 1) / FAN_IN;
            int groups = (partitions + width - 1) / width;
            level = new ArrayList<>(partials
                    .mapToPair(p -> new Tuple2<>(p.partition() / width, p))
                    .groupByKey(new HashPartitioner(groups))
                    .map(group -> {
                        List<Partial> members = new ArrayList<>();
                        group._2().forEach(members::add);
                        return inOrder(members, group._1());
                    })
                    .collect());
        }
        return inOrder(new ArrayList<>(level), -1);
    }

    /** Adds {@code partials} in partition order; the result is labeled {@code label}. */
    static Partial inOrder(List<Partial> partials, int label) {
        List<Partial> sorted = new ArrayList<>(partials);
        sorted.sort(Comparator.comparingInt(Partial::partition));
        double loss = 0;
        double[][] sum = null;
        for (Partial partial : sorted) {
            loss += partial.lossSum();
            sum = add(sum, partial.gradientSum());
        }
        return new Partial(label, loss, sum);
    }

    /** {@code sum + more} element by element, into {@code sum}; {@code null} is zeros. */
    static double[][] add(double[][] sum, double[][] more) {
        if (more == null) {
            return sum;
        }
        if (sum == null) {
            double[][] copy = new double[more.length][];
            for (int p = 0; p < more.length; p++) {
                copy[p] = more[p].clone();
            }
            return copy;
        }
        for (int p = 0; p < sum.length; p++) {
            double[] s = sum[p];
            double[] m = more[p];
            for (int i = 0; i < s.length; i++) {
                s[i] += m[i];
            }
        }
        return sum;
    }
}
