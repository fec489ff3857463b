package dev.chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.runtime.BatchKernels;
import dev.chainrule.runtime.Weights;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The estimator on a real local Spark, against {@code chainrule train}. */
class ChainruleEstimatorTest {

    /** Iris in double precision, shuffled minibatches: the CLI's run to compare with. */
    static String iris(int batch, int epochs) {
        return """
                name: Iris
                precision: double
                input: 4
                layers:
                  - {name: hidden, units: 8, activation: tanh}
                  - {name: output, units: 3, activation: softmax}
                loss: softmax_cross_entropy
                training:
                  learning_rate: 0.05
                  batch_size: %d
                  epochs: %d
                  shuffle: true
                  seed: 7
                """.formatted(batch, epochs);
    }

    @TempDir
    Path dir;

    @AfterEach
    void noHook() {
        SynchronousTraining.hook = null;
    }

    static Pipeline irisPipeline(ChainruleEstimator estimator) {
        VectorAssembler assembler = new VectorAssembler()
                .setInputCols(LocalSpark.IRIS_COLUMNS).setOutputCol("features");
        return new Pipeline().setStages(new PipelineStage[] {assembler, estimator});
    }

    static ChainruleModel chainrule(PipelineModel pipeline) {
        return (ChainruleModel) pipeline.stages()[1];
    }

    /** What {@code chainrule train NET --data iris.csv --save-weights W} saves. */
    Weights cliTrained(String description) throws IOException {
        return LocalSpark.cliTrained(Files.writeString(dir.resolve("iris.yaml"), description),
                LocalSpark.data("iris.csv"), dir);
    }

    @ParameterizedTest
    @ValueSource(ints = {16, 40})
    void synchronousEqualsTheCliToRounding(int batch) throws IOException {
        String description = iris(batch, 8);
        PipelineModel fitted = irisPipeline(new ChainruleEstimator().setDescription(description))
                .fit(LocalSpark.irisFrame(2));

        Weights spark = chainrule(fitted).weights();
        Weights cli = cliTrained(description);
        for (String name : cli.names()) {
            double[] expected = cli.values(name);
            double[] actual = spark.values(name);
            double scale = 0;
            double difference = 0;
            for (int i = 0; i < expected.length; i++) {
                scale = Math.max(scale, Math.abs(expected[i]));
                difference = Math.max(difference, Math.abs(expected[i] - actual[i]));
            }
            assertTrue(difference <= 1e-9 * scale, name + ": differs by " + difference
                    + " (largest value " + scale + ")");
        }
        // And the fitted pipeline scores: better than chance after 8 short epochs.
        Dataset<Row> scored = fitted.transform(LocalSpark.irisFrame(2));
        long right = scored.filter("prediction = label").count();
        assertTrue(right >= 90, right + " of 150 right");
    }

    @Test
    void aRegressionLearnsFromTargetVectorsLikeTheCli() throws IOException {
        String description = """
                name: Sigmoid232
                precision: double
                input: 2
                layers:
                  - {units: 3, activation: sigmoid, bias: false}
                  - {units: 2, activation: sigmoid, bias: false}
                loss: squared_error
                training: {learning_rate: 0.5, batch_size: 2, epochs: 20, seed: 7}
                """;
        trainsLikeTheCli(description);
    }

    /** A graph description (the same network written as a graph) trains on Spark as well. */
    @Test
    void aGraphDescriptionLearnsLikeTheCli() throws IOException {
        trainsLikeTheCli("""
                name: Sigmoid232Graph
                precision: double
                inputs: {x: [2]}
                targets: {t: [2]}
                params:
                  W1: {shape: [3, 2], init: glorot_uniform}
                  W2: {shape: [2, 3], init: glorot_uniform}
                graph:
                  y: sigmoid(W2 @ sigmoid(W1 @ x))
                  e: squared_error(y, t)
                output: y
                loss: e
                training: {learning_rate: 0.5, batch_size: 2, epochs: 20, seed: 7}
                """);
    }

    /** Synchronous training of the 2-2 regression data equals the CLI's, to 1e-12. */
    private void trainsLikeTheCli(String description) throws IOException {
        dev.chainrule.runtime.Dataset points = dev.chainrule.runtime.CsvLoader.load(
                LocalSpark.data("sigmoid-232.csv"), 2, 2, false);
        List<Row> rows = new java.util.ArrayList<>();
        for (int r = 0; r < points.size(); r++) {
            double[] x = points.inputs()[r];
            double[] t = points.targets()[r];
            rows.add(org.apache.spark.sql.RowFactory.create(x[0], x[1], t[0], t[1]));
        }
        org.apache.spark.sql.types.StructType schema = new org.apache.spark.sql.types.StructType()
                .add("x1", "double").add("x2", "double").add("t1", "double").add("t2", "double");
        Dataset<Row> frame = LocalSpark.frame(rows, schema, 2);
        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
                new VectorAssembler().setInputCols(new String[] {"x1", "x2"})
                        .setOutputCol("features"),
                new VectorAssembler().setInputCols(new String[] {"t1", "t2"})
                        .setOutputCol("targets"),
                new ChainruleEstimator().setDescription(description).setLabelCol("targets")});
        PipelineModel fitted = pipeline.fit(frame);

        Weights cli = LocalSpark.cliTrained(Files.writeString(dir.resolve("sigmoid.yaml"),
                description), LocalSpark.data("sigmoid-232.csv"), dir);
        Weights spark = ((ChainruleModel) fitted.stages()[2]).weights();
        for (String name : cli.names()) {
            assertArrayEquals(cli.values(name), spark.values(name), 1e-12, name);
        }
        List<String> columns = List.of(fitted.transform(frame).columns());
        assertTrue(columns.contains("output") && !columns.contains("prediction"), columns
                + ": a regression has an output, no prediction");
    }

    @Test
    void twoRunsGiveIdenticalWeights() {
        String description = iris(16, 3);
        for (String mode : List.of("synchronous", "averaging")) {
            ChainruleEstimator estimator = new ChainruleEstimator().setDescription(description)
                    .setMode(mode).setSyncEvery(2);
            ChainruleModel model = chainrule(irisPipeline(estimator).fit(LocalSpark.irisFrame(2)));
            Weights first = model.weights();
            Weights second = chainrule(irisPipeline(estimator).fit(LocalSpark.irisFrame(2)))
                    .weights();
            for (String name : first.names()) {
                assertArrayEquals(first.values(name), second.values(name), 0.0, mode + " " + name);
            }
            // local mode: the tasks ran in this JVM, with its kernels
            assertEquals(BatchKernels.LIVE.simd(), model.summary().kernels(), mode);
        }
    }

    /**
     * A task that fails once: in synchronous mode Spark retries the whole barrier stage (the
     * epoch), in averaging mode the task; either way the weights are those of a clean run.
     */
    @ParameterizedTest
    @ValueSource(strings = {"synchronous", "averaging"})
    void aTaskThatFailsOnceIsRetriedToTheSameModel(String mode) {
        String description = iris(16, 2);
        Weights clean = chainrule(irisPipeline(new ChainruleEstimator().setMode(mode)
                .setSyncEvery(2).setDescription(description)).fit(LocalSpark.irisFrame(2)))
                .weights();

        AtomicInteger failures = new AtomicInteger();
        SynchronousTraining.hook = (partition, step) -> {
            if (partition == 1 && step == 5 && failures.getAndIncrement() == 0) {
                throw new IllegalStateException("injected failure");
            }
        };
        Weights retried = chainrule(irisPipeline(new ChainruleEstimator().setMode(mode)
                .setSyncEvery(2).setDescription(description)).fit(LocalSpark.irisFrame(2)))
                .weights();

        assertEquals(2, failures.get(), "the task of step (or round) 5 failed once, ran again");
        for (String name : clean.names()) {
            assertArrayEquals(clean.values(name), retried.values(name), 0.0, name);
        }
    }

    @Test
    void aBadDescriptionFailsFitWithTheLocatedMessage() {
        String bad = iris(16, 1).replace("activation: tanh", "activation: rleu");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> irisPipeline(new ChainruleEstimator().setDescription(bad))
                        .fit(LocalSpark.irisFrame(2)));
        assertEquals("description:5:42: layers[0].activation: unknown activation 'rleu'"
                + " (expected one of identity, sigmoid, tanh, relu, softmax; did you mean"
                + " 'relu'?)", e.getMessage());
    }

    @Test
    void aSavedModelPredictsTheSameAfterLoading() throws IOException {
        PipelineModel fitted = irisPipeline(new ChainruleEstimator()
                .setDescription(iris(16, 3))).fit(LocalSpark.irisFrame(2));
        String path = dir.resolve("pipeline").toString();
        fitted.write().overwrite().save(path);
        PipelineModel loaded = PipelineModel.load(path);

        List<Row> before = fitted.transform(LocalSpark.irisFrame(2))
                .select("output", "probability", "prediction").collectAsList();
        List<Row> after = loaded.transform(LocalSpark.irisFrame(2))
                .select("output", "probability", "prediction").collectAsList();
        assertEquals(before, after);

        String modelPath = dir.resolve("model").toString();
        chainrule(fitted).write().overwrite().save(modelPath);
        ChainruleModel model = ChainruleModel.load(modelPath);
        assertEquals(chainrule(fitted).uid(), model.uid());
        Weights saved = chainrule(fitted).weights();
        for (String name : saved.names()) {
            assertArrayEquals(saved.values(name), model.weights().values(name), 0.0, name);
        }
    }

    @Test
    void anUnsavedEstimatorRoundTripsItsParams() throws IOException {
        ChainruleEstimator estimator = new ChainruleEstimator().setDescription(iris(16, 3))
                .setMode("averaging").setSyncEvery(5).setFeaturesCol("x");
        String path = dir.resolve("estimator").toString();
        estimator.write().overwrite().save(path);
        ChainruleEstimator loaded = ChainruleEstimator.load(path);
        assertEquals("averaging", loaded.getMode());
        assertEquals(5, loaded.getSyncEvery());
        assertEquals("x", loaded.getOrDefault(loaded.featuresCol()));
    }
}
