package dev.chainrule.spark;

import dev.chainrule.sweep.SweepInput;
import dev.chainrule.sweep.SweepRunner;
import dev.chainrule.sweep.Trial;
import dev.chainrule.sweep.TrialResult;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;

/**
 * {@code chainrule sweep --spark MASTER}: one Spark task per trial, the description and data
 * broadcast once. Found by the CLI through {@link java.util.ServiceLoader} when this module's jar
 * is on the class path:
 *
 * <pre>
 * spark-submit --master yarn --class dev.chainrule.cli.Main \
 *     chainrule-spark-0.1.0-SNAPSHOT-submit.jar sweep net.yaml --data train.csv \
 *     --set training.learning_rate=0.1,0.03 --spark submit
 * </pre>
 *
 * <p>{@code MASTER} is a Spark master URL ({@code local[4]}, {@code spark://host:7077}), or
 * {@code submit} to keep the one spark-submit chose. A session that is already running (in the
 * same JVM) is reused as it is. Every trial is the same deterministic function
 * ({@link SweepInput#run}) as on local threads, so the table is the same.
 */
public final class SparkSweepRunner implements SweepRunner {

    @Override
    public List<TrialResult> run(SweepInput input, List<Trial> trials, String master) {
        SparkSession.Builder builder = SparkSession.builder().appName("chainrule sweep");
        if (!master.equals("submit")) {
            builder.master(master);
        }
        SparkSession spark = builder.getOrCreate();
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<SweepInput> shared = sc.broadcast(input);
        try {
            return sc.parallelize(trials, trials.size())
                    .map(trial -> shared.value().run(trial))
                    .collect();
        } finally {
            shared.destroy();
        }
    }
}
