package dev.chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.runtime.Weights;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** The estimator as Spark ML's tools use it: Params, tuning, evaluators. */
class SparkMlIdiomsTest {

    /** Params that are set train exactly what the description would with the same values. */
    @Test
    void setParamsReplaceTheDescriptionsTrainingSettings() {
        ChainruleEstimator fromParams = new ChainruleEstimator()
                .setDescription(ChainruleEstimatorTest.iris(40, 1).replace("seed: 7", "seed: 99"))
                .setStepSize(0.05).setMaxIter(3).setBatchSize(16).setSeed(7).setOptimizer("sgd");
        ChainruleEstimator fromText = new ChainruleEstimator()
                .setDescription(ChainruleEstimatorTest.iris(16, 3));
        assertEquals(0.05, fromParams.getStepSize());
        assertEquals(3, fromParams.getMaxIter());
        assertEquals(16, fromParams.getBatchSize());
        assertEquals(7, fromParams.getSeed());
        assertEquals("sgd", fromParams.getOptimizer());

        Weights a = fit(fromParams.setSeed(7));
        Weights b = fit(fromText);
        for (String name : a.names()) {
            assertArrayEquals(b.values(name), a.values(name), 0.0, name);
        }
        Weights otherSeed = fit(fromParams.copy(ParamMap.empty()).setSeed(8));
        assertTrue(otherSeed.values("hidden.weight")[0] != a.values("hidden.weight")[0],
                "seed 8 starts elsewhere");
    }

    private static Weights fit(ChainruleEstimator estimator) {
        return ChainruleEstimatorTest.chainrule(ChainruleEstimatorTest.irisPipeline(estimator)
                .fit(LocalSpark.irisFrame(2))).weights();
    }

    @Test
    void anUnknownOptimizerOrAnUnsupportedOneIsRefused() {
        ChainruleEstimator estimator = new ChainruleEstimator();
        assertThrows(IllegalArgumentException.class, () -> estimator.setOptimizer("adagrad"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                ChainruleEstimatorTest.irisPipeline(estimator.setOptimizer("adam")
                        .setDescription(ChainruleEstimatorTest.iris(16, 1)))
                        .fit(LocalSpark.irisFrame(2)));
        assertTrue(e.getMessage().startsWith("Spark training steps with plain SGD"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("got adam"), e.getMessage());
    }

    @Test
    void explainParamsNamesTheTrainingParams() {
        String text = new ChainruleEstimator().setStepSize(0.1).explainParams();
        assertTrue(text.contains("stepSize: learning rate (> 0); when set, replaces the"
                + " description's training.learning_rate (current: 0.1)"), text);
        for (String name : List.of("maxIter: epochs", "batchSize: samples per SGD step",
                "seed: seed of the starting weights", "optimizer: optimizer name (sgd, adam,"
                        + " adamw", "rawPredictionCol: raw scores")) {
            assertTrue(text.contains(name), name + " in\n" + text);
        }
    }

    /**
     * Two folds, two learning rates: 0.05 learns iris in 6 epochs, 1e-4 barely moves from the
     * start. CrossValidator must pick 0.05 and train the final model with it.
     */
    @Test
    void crossValidatorChoosesTheBetterStepSize() {
        ChainruleEstimator chainrule = new ChainruleEstimator()
                .setDescription(ChainruleEstimatorTest.iris(16, 6));
        Pipeline pipeline = ChainruleEstimatorTest.irisPipeline(chainrule);
        ParamMap[] grid = new ParamGridBuilder()
                .addGrid(chainrule.stepSize(), new double[] {1e-4, 0.05}).build();
        CrossValidatorModel cv = new CrossValidator().setEstimator(pipeline)
                .setEstimatorParamMaps(grid).setNumFolds(2).setSeed(3)
                .setEvaluator(new MulticlassClassificationEvaluator().setMetricName("accuracy"))
                .fit(LocalSpark.irisFrame(2));

        double[] accuracy = cv.avgMetrics();
        assertTrue(accuracy[1] > accuracy[0] + 0.2, "0.05: " + accuracy[1] + ", 1e-4: "
                + accuracy[0]);
        ChainruleModel best = ChainruleEstimatorTest.chainrule(
                (org.apache.spark.ml.PipelineModel) cv.bestModel());
        assertEquals(0.05, ((ChainruleEstimator) best.parent()).getStepSize());
    }

    /**
     * Iris versicolor against virginica (two classes, not separable): the AUC that
     * BinaryClassificationEvaluator reads from rawPrediction equals the Mann–Whitney statistic
     * of the network's own class-1 probabilities, and rawPrediction is their log.
     */
    @Test
    void binaryClassificationEvaluatorScoresTheRawPrediction() {
        String description = """
                name: TwoIrises
                precision: double
                input: 4
                layers:
                  - {name: hidden, units: 4, activation: tanh}
                  - {name: output, units: 2, activation: softmax}
                loss: softmax_cross_entropy
                training: {learning_rate: 0.05, batch_size: 10, epochs: 4, shuffle: true, seed: 1}
                """;
        Dataset<Row> two = LocalSpark.irisFrame(2).filter("label > 0")
                .selectExpr("sepal_length", "sepal_width", "petal_length", "petal_width",
                        "label - 1 AS label");
        Dataset<Row> scored = ChainruleEstimatorTest.irisPipeline(
                new ChainruleEstimator().setDescription(description)).fit(two).transform(two);

        double auc = new BinaryClassificationEvaluator().evaluate(scored);

        List<double[]> positives = new ArrayList<>();
        List<double[]> negatives = new ArrayList<>();
        for (Row row : scored.select("label", "probability", "rawPrediction").collectAsList()) {
            double[] p = ((Vector) row.get(1)).toArray();
            double[] raw = ((Vector) row.get(2)).toArray();
            for (int k = 0; k < 2; k++) {
                assertEquals(Math.log(p[k]), raw[k], 0.0);
            }
            (row.getDouble(0) == 1 ? positives : negatives).add(p);
        }
        double pairs = 0;
        for (double[] pos : positives) {
            for (double[] neg : negatives) {
                pairs += pos[1] > neg[1] ? 1 : pos[1] == neg[1] ? 0.5 : 0;
            }
        }
        double expected = pairs / (positives.size() * (double) negatives.size());
        assertEquals(expected, auc, 1e-12);
        assertTrue(auc > 0.8 && auc < 1, "a learned, imperfect ranking: " + auc);
    }
}
