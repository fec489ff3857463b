package dev.chainrule.spark;

import dev.chainrule.runtime.Network;
import dev.chainrule.runtime.Training;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Not a test: where a fit's time goes on MNIST-8k replicated R times, local[2] — the caching pass
 * (Blocks.of, then the pass that converts and stores the rows), one epoch of each mode, and the
 * in-process equivalent of {@code chainrule train --threads 2} on the same rows.
 *   /path/java ... dev.chainrule.spark.SparkProfile R averaging,synchronous
 */
public final class SparkProfile {
    static final String NET = """
            name: MnistBench
            input: 784
            layers:
              - {name: hidden, units: 128, activation: relu}
              - {name: output, units: 10, activation: softmax}
            loss: softmax_cross_entropy
            training: {learning_rate: %s, batch_size: %d, epochs: 1, shuffle: true, seed: 2}
            """;

    static double t0;
    static double lap(String what) {
        double now = System.nanoTime() / 1e9;
        double s = now - t0;
        System.out.printf(Locale.ROOT, "%-50s %8.2f s%n", what, s);
        t0 = System.nanoTime() / 1e9;
        return s;
    }

    public static void main(String[] args) {
        int r = Integer.parseInt(args[0]);
        SparkSession spark = SparkSession.builder().master("local[2]")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        dev.chainrule.runtime.Dataset mnist = LocalSpark.mnistTrain();
        StructType schema = new StructType().add("features", new VectorUDT())
                .add("label", DataTypes.DoubleType);
        List<Row> rows = new ArrayList<>();
        for (int k = 0; k < mnist.size(); k++) {
            rows.add(RowFactory.create(Vectors.dense(mnist.inputs()[k]).compressed(),
                    (double) mnist.label(k)));
        }
        Dataset<Row> one = spark.createDataFrame(rows, schema);
        Dataset<Row> all = one;
        for (int c = 1; c < r; c++) all = all.union(one);
        Dataset<Row> train = all.coalesce(2).persist(StorageLevel.MEMORY_AND_DISK());
        t0 = System.nanoTime() / 1e9;
        long n = train.count();
        lap("source frame cached (" + n + " rows)");
        // CLI-equivalent in process, batch 1 and 1024 with 2 threads
        double[][] xs = new double[(int) n][];
        double[][] ts = new double[(int) n][];
        for (int i = 0; i < n; i++) { xs[i] = mnist.inputs()[i % mnist.size()]; ts[i] = mnist.targets()[i % mnist.size()]; }
        dev.chainrule.runtime.Dataset big = new dev.chainrule.runtime.Dataset("big", 784, 10, xs, ts);
        for (int[] cfg : new int[][] {{1, 0}, {1024, 0}}) {
            Description d = new Description(NET.formatted(cfg[0] == 1 ? "0.02" : "0.5", cfg[0]), "x");
            Network net = d.initialized(2);
            t0 = System.nanoTime() / 1e9;
            Training.builder().epochs(1).batchSize(cfg[0]).learningRate(cfg[0] == 1 ? 0.02 : 0.5).shuffle(true).seed(2).threads(2).build().run(net, big, null, null);
            double s = lap("CLI-equivalent batch " + cfg[0] + " threads 2 (incl train-acc eval)");
            System.out.printf(Locale.ROOT, "   %,.0f rows/s%n", n / s);
        }
        for (String mode : args.length > 1 ? args[1].split(",") : new String[] {"averaging"}) {
            int batch = mode.equals("averaging") ? 1 : 1024;
            String d = NET.formatted(mode.equals("averaging") ? "0.02" : "0.5", batch)
                    .replace("epochs: 1", "epochs: 2");
            t0 = System.nanoTime() / 1e9;
            FitSummary s = new ChainruleEstimator().setDescription(d).setMode(mode).fit(train)
                    .summary();
            lap(mode + " fit, 2 epochs");
            System.out.printf(Locale.ROOT, "   caching %.2f s, epochs %s s, %,.0f rows/s (epoch 2)%n",
                    s.cachingSeconds(), s.epochSeconds(), n / s.epochSeconds().get(1));
        }
        spark.stop();
    }
}
