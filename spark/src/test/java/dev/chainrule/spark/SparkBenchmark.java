package dev.chainrule.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
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
 * Not a test (CI does not run it): MNIST-8k replicated R times, trained in {@code local[2]} by
 * the estimator (synchronous at several global batch sizes, averaging) and by MLlib's
 * MultilayerPerceptronClassifier (784-128-10, sigmoid: the only activation it has; L-BFGS),
 * then scored on the 2,000 held-out images. Each Chainrule row reports the one-time caching pass
 * apart from the epoch time (the mean over epochs), and the same training run in this process
 * the way {@code chainrule train --threads 2} runs it (same rows, batch size and rate) for the
 * ratio. MLlib gets as many iterations as fit in the Chainrule synchronous run's wall time, for
 * accuracy at the same time. Run with {@code spark/benchmark.sh [R] [EPOCHS] [targets]} (R = 125
 * is 1M rows; {@code targets}: only synchronous at 1,024 and averaging relu, no MLlib).
 */
public final class SparkBenchmark {

    private static final String NET = """
            name: MnistBench
            input: 784
            layers:
              - {name: hidden, units: 128, activation: %s}
              - {name: output, units: 10, activation: softmax}
            loss: softmax_cross_entropy
            training: {learning_rate: %s, batch_size: %d, epochs: %d, shuffle: true, seed: 2}
            """;

    public static void main(String[] args) {
        int replication = args.length > 0 ? Integer.parseInt(args[0]) : 125;
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        // "targets": only the two targets (synchronous 1,024, averaging relu), no MLlib
        boolean targetsOnly = args.length > 2 && args[2].equals("targets");
        SparkSession spark = SparkSession.builder().master("local[2]")
                .appName("chainrule-spark-benchmark")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        Dataset<Row> train = frame(spark, LocalSpark.mnistTrain(), replication)
                .persist(StorageLevel.MEMORY_AND_DISK());
        long rows = train.count();
        Dataset<Row> test = frame(spark, LocalSpark.mnistTest(), 1).cache();
        test.count();
        System.out.printf(Locale.ROOT, "MNIST-8k x %d = %,d rows, %d partitions, %d epoch(s),"
                + " JDK %s, batch kernels: %s%n", replication, rows,
                train.rdd().getNumPartitions(), epochs, System.getProperty("java.version"),
                dev.chainrule.runtime.BatchKernels.LIVE.simd());
        System.out.println("| trainer | global batch | caching pass (s) | epoch time (s) | rows/s"
                + " | chainrule train --threads 2, rows/s | ratio | test acc |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        double syncSeconds = 0;
        for (int batch : targetsOnly ? new int[] {1024} : new int[] {128, 1024, 8192}) {
            String lr = batch >= 1024 ? "0.5" : "0.1";
            double seconds = chainrule(train, test, rows, "synchronous",
                    NET.formatted("relu", lr, batch, epochs), "synchronous, relu, lr " + lr,
                    batch, epochs);
            if (batch == 1024) {
                syncSeconds = seconds;
            }
        }
        chainrule(train, test, rows, "averaging", NET.formatted("relu", "0.02", 1, epochs),
                "averaging, relu, per-sample SGD lr 0.02", 1, epochs);
        if (targetsOnly) {
            spark.stop();
            return;
        }
        chainrule(train, test, rows, "averaging", NET.formatted("sigmoid", "0.1", 1, epochs),
                "averaging, sigmoid, per-sample SGD lr 0.1", 1, epochs);
        // MLlib: time two iterations, then as many as fit in the synchronous 1024 run's time.
        double perIteration = mllib(train, test, rows, 2, false) / 2;
        int iterations = Math.max(1, (int) Math.floor(syncSeconds / perIteration));
        mllib(train, test, rows, iterations, true);
        spark.stop();
    }

    private static double chainrule(Dataset<Row> train, Dataset<Row> test, long rows,
                                    String mode, String description, String label, int batch,
                                    int epochs) {
        long start = System.nanoTime();
        ChainruleModel model = new ChainruleEstimator().setDescription(description)
                .setMode(mode).fit(train);
        double seconds = (System.nanoTime() - start) / 1e9;
        FitSummary summary = model.summary();
        double epoch = summary.epochSeconds().stream().mapToDouble(Double::doubleValue)
                .average().orElseThrow();
        double cli = cliRowsPerSecond(description, (int) rows);
        System.out.printf(Locale.ROOT, "| Chainrule %s | %d | %.1f | %.1f | %,.0f | %,.0f | %.2f"
                + " | %.2f%% |%n", label, batch, summary.cachingSeconds(), epoch, rows / epoch,
                cli, rows / epoch / cli, 100 * accuracy(model, test));
        return seconds;
    }

    /**
     * Samples per second of {@code chainrule train --threads 2} on the benchmark's rows (the
     * same 8,000 images, the same number of times): the runtime's training, as the CLI runs it,
     * timed without its per-epoch evaluation.
     */
    private static double cliRowsPerSecond(String description, int rows) {
        dev.chainrule.runtime.Dataset mnist = LocalSpark.mnistTrain();
        double[][] xs = new double[rows][];
        double[][] ts = new double[rows][];
        for (int i = 0; i < rows; i++) {
            xs[i] = mnist.inputs()[i % mnist.size()];
            ts[i] = mnist.targets()[i % mnist.size()];
        }
        Description d = new Description(description, "benchmark");
        dev.chainrule.description.TrainingSpec training = d.spec().training();
        List<dev.chainrule.runtime.EpochResult> results = training.toTrainingBuilder().threads(2)
                .build().run(d.initialized(training.seed()),
                        new dev.chainrule.runtime.Dataset("replicated", 784, 10, xs, ts), null,
                        null);
        return results.stream().mapToDouble(r -> r.samplesPerSecond()).average().orElseThrow();
    }

    private static double mllib(Dataset<Row> train, Dataset<Row> test, long rows, int iterations,
                                boolean print) {
        long start = System.nanoTime();
        Model<?> model = new MultilayerPerceptronClassifier()
                .setLayers(new int[] {784, 128, 10}).setSolver("l-bfgs").setBlockSize(128)
                .setMaxIter(iterations).setTol(0).setSeed(2).fit(train);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (print) {
            report("MLlib MultilayerPerceptronClassifier, sigmoid, L-BFGS, " + iterations
                    + " iterations in " + String.format(Locale.ROOT, "%.0f s", seconds),
                    "full", seconds / iterations, rows, accuracy(model, test));
        }
        return seconds;
    }

    private static double accuracy(Model<?> model, Dataset<Row> test) {
        return model.transform(test).filter("prediction = label").count()
                / (double) test.count();
    }

    private static void report(String trainer, String batch, double epochSeconds, long rows,
                               double accuracy) {
        System.out.printf(Locale.ROOT, "| %s | %s | | %.1f | %,.0f | | | %.2f%% |%n", trainer,
                batch, epochSeconds, rows / epochSeconds, 100 * accuracy);
    }

    /** The set {@code copies} times over, as {@code features} and {@code label}, two partitions. */
    private static Dataset<Row> frame(SparkSession spark, dev.chainrule.runtime.Dataset data,
                                      int copies) {
        StructType schema = new StructType().add("features", new VectorUDT())
                .add("label", DataTypes.DoubleType);
        List<Row> rows = new ArrayList<>(data.size());
        for (int k = 0; k < data.size(); k++) {
            rows.add(RowFactory.create(Vectors.dense(data.inputs()[k]).compressed(),
                    (double) data.label(k)));
        }
        Dataset<Row> one = spark.createDataFrame(rows, schema);
        Dataset<Row> all = one;
        for (int c = 1; c < copies; c++) {
            all = all.union(one);
        }
        return all.coalesce(2);
    }
}
