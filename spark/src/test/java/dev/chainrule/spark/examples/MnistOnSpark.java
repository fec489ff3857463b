package dev.chainrule.spark.examples;

import dev.chainrule.runtime.Dataset;
import dev.chainrule.runtime.IdxLoader;
import dev.chainrule.spark.ChainruleEstimator;
import dev.chainrule.spark.ChainruleModel;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Trains {@code samples/mnist.yaml} on Spark, scores the held-out images, saves and reloads the
 * pipeline. Run it with {@code spark/examples/mnist-on-spark.sh [MASTER]} (default local[2]).
 */
public final class MnistOnSpark {

    public static void main(String[] args) throws Exception {
        String master = args.length > 0 ? args[0] : "local[2]";
        Path samples = Path.of(System.getProperty("chainrule.samples", "samples"));
        SparkSession spark = SparkSession.builder().master(master).appName("mnist-on-spark")
                .config("spark.ui.enabled", "false").getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");

        org.apache.spark.sql.Dataset<Row> train = frame(spark, samples, "train-8k");
        org.apache.spark.sql.Dataset<Row> test = frame(spark, samples, "test-2k");

        // Two pixel halves put together by a VectorAssembler, then the network.
        VectorAssembler assembler = new VectorAssembler()
                .setInputCols(new String[] {"top", "bottom"}).setOutputCol("features");
        ChainruleEstimator estimator = new ChainruleEstimator()
                .setDescription(Files.readString(samples.resolve("mnist.yaml")))
                .setFeaturesCol("features")
                .setLabelCol("label")
                .setMode("averaging");                 // or "synchronous"
        PipelineModel model = new Pipeline()
                .setStages(new PipelineStage[] {assembler, estimator}).fit(train);

        long right = model.transform(test).filter("prediction = label").count();
        System.out.printf("test accuracy %.2f%% (%d of %d)%n", 100.0 * right / test.count(),
                right, test.count());
        ChainruleModel network = (ChainruleModel) model.stages()[1];
        System.out.println("training loss per epoch: " + network.epochLosses());

        Path saved = Files.createTempDirectory("mnist-on-spark");
        model.write().overwrite().save(saved.toString());
        long again = PipelineModel.load(saved.toString()).transform(test)
                .filter("prediction = label").count();
        System.out.println("reloaded from " + saved + ": " + again + " right");
        spark.stop();
    }

    /** An MNIST part as columns top (pixels 0..391), bottom (392..783) and label. */
    private static org.apache.spark.sql.Dataset<Row> frame(SparkSession spark, Path samples,
                                                           String part) {
        File data = samples.resolve("data").toFile();
        Dataset mnist = IdxLoader.load(new File(data, "mnist-" + part + "-images-idx3-ubyte.gz"),
                new File(data, "mnist-" + part + "-labels-idx1-ubyte.gz"), 784, 10);
        List<Row> rows = new ArrayList<>();
        for (int k = 0; k < mnist.size(); k++) {
            double[] x = mnist.inputs()[k];
            rows.add(RowFactory.create(
                    Vectors.dense(java.util.Arrays.copyOfRange(x, 0, 392)),
                    Vectors.dense(java.util.Arrays.copyOfRange(x, 392, 784)),
                    (double) mnist.label(k)));
        }
        StructType schema = new StructType().add("top", new VectorUDT())
                .add("bottom", new VectorUDT()).add("label", DataTypes.DoubleType);
        return spark.createDataFrame(rows, schema);
    }
}
