package dev.chainrule.spark;

import dev.chainrule.runtime.Network;
import dev.chainrule.runtime.Optimizer;
import dev.chainrule.description.TrainingSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Trains a Chainrule network on a Spark data frame: a Spark ML {@link Estimator}, usable alone
 * or as a {@link org.apache.spark.ml.Pipeline} stage, saved and loaded like MLlib's own.
 *
 * <pre>{@code
 * ChainruleEstimator est = new ChainruleEstimator()
 *     .setDescription(yamlText)          // or setDescriptionPath("hdfs-or-local/net.yaml"),
 *                                        // also a .onnx model
 *     .setFeaturesCol("features")        // Vector column
 *     .setLabelCol("label")              // class index (double) or a Vector of targets
 *     .setMode("synchronous");           // or "averaging"
 * ChainruleModel model = est.fit(train);
 * Dataset<Row> scored = model.transform(test);   // adds output, rawPrediction, probability,
 *                                                // prediction
 * }</pre>
 *
 * <p>Training settings (epochs, batch size, learning rate, shuffling, seed) come from the
 * description, as on the command line; its {@code data} section is ignored. The Params named as
 * MLlib's {@code MultilayerPerceptronClassifier} names them replace the description's value when
 * set, so {@code ParamGridBuilder} and {@code CrossValidator} tune them: {@code stepSize}
 * (learning rate), {@code maxIter} (epochs), {@code batchSize}, {@code seed}, {@code optimizer}.
 * Executors compile the description themselves, so no generated class is shipped.
 *
 * <ul>
 *   <li>{@code synchronous} (default): minibatch SGD with the description's global batch size,
 *       one barrier stage per epoch ({@link SynchronousTraining}), at most as many partitions
 *       as task slots. Same rows, batches and update as {@code chainrule train}; the
 *       weights equal the CLI's to rounding, and the same partitioning gives the same weights
 *       bit for bit.</li>
 *   <li>{@code averaging}: every partition trains locally for an epoch (or
 *       {@link #setSyncEvery} steps), then the copies are averaged. One job per round.</li>
 * </ul>
 *
 * <p>A bad description fails {@link #fit} with an {@link IllegalArgumentException} whose message
 * is the compiler's one-line, located message ({@code description:7:17: layers[1].activation:
 * unknown activation 'rleu' ...}).
 */
public final class ChainruleEstimator extends Estimator<ChainruleModel>
        implements DefaultParamsWritable {

    static final String SYNCHRONOUS = "synchronous";
    static final String AVERAGING = "averaging";

    private final String uid;
    private final Param<String> description;
    private final Param<String> descriptionPath;
    private final Param<String> featuresCol;
    private final Param<String> labelCol;
    private final Param<String> mode;
    private final IntParam syncEvery;
    private final Param<String> outputCol;
    private final Param<String> predictionCol;
    private final Param<String> probabilityCol;
    private final Param<String> rawPredictionCol;
    private final DoubleParam stepSize;
    private final IntParam maxIter;
    private final IntParam batchSize;
    private final LongParam seed;
    private final Param<String> optimizer;

    public ChainruleEstimator() {
        this(Identifiable$.MODULE$.randomUID("chainrule"));
    }

    public ChainruleEstimator(String uid) {
        this.uid = uid;
        description = new Param<>(this, "description",
                "the network description, YAML or JSON text");
        descriptionPath = new Param<>(this, "descriptionPath",
                "where to read the description (any Hadoop file system): YAML, JSON, or an ONNX"
                        + " model (.onnx, imported as chainrule import does); used when"
                        + " description is not set");
        featuresCol = new Param<>(this, "featuresCol", "features column (Vector)");
        labelCol = new Param<>(this, "labelCol",
                "label column: class index (number) or target Vector");
        mode = new Param<>(this, "mode", "synchronous (data-parallel minibatch SGD) or"
                + " averaging (local training, averaged weights)");
        syncEvery = new IntParam(this, "syncEvery", "averaging: average every this many local"
                + " steps; 0: once per epoch");
        outputCol = new Param<>(this, "outputCol", "network output column (Vector)");
        predictionCol = new Param<>(this, "predictionCol", "predicted class (classifiers)");
        probabilityCol = new Param<>(this, "probabilityCol", "class probabilities (classifiers)");
        rawPredictionCol = new Param<>(this, "rawPredictionCol", ChainruleModel.RAW_PREDICTION_DOC);
        stepSize = new DoubleParam(this, "stepSize", "learning rate (> 0); when set, replaces"
                + " the description's training.learning_rate", ParamValidators.gt(0));
        maxIter = new IntParam(this, "maxIter", "epochs (>= 1); when set, replaces the"
                + " description's training.epochs", ParamValidators.gtEq(1));
        batchSize = new IntParam(this, "batchSize", "samples per SGD step (>= 1), global in"
                + " synchronous mode and per partition in averaging; when set, replaces the"
                + " description's training.batch_size", ParamValidators.gtEq(1));
        seed = new LongParam(this, "seed", "seed of the starting weights and the shuffling;"
                + " when set, replaces the description's training.seed");
        optimizer = new Param<>(this, "optimizer", "optimizer name ("
                + String.join(", ", OPTIMIZERS) + "; Spark trains with sgd so far); when set,"
                + " replaces the description's training.optimizer",
                ParamValidators.inArray(OPTIMIZERS));
        setDefault(featuresCol, "features");
        setDefault(labelCol, "label");
        setDefault(mode, SYNCHRONOUS);
        setDefault(syncEvery, 0);
        setDefault(outputCol, "output");
        setDefault(predictionCol, "prediction");
        setDefault(probabilityCol, "probability");
        setDefault(rawPredictionCol, "rawPrediction");
    }

    private static final List<String> OPTIMIZERS = Arrays.stream(Optimizer.Type.values())
            .map(Optimizer.Type::spelling).toList();

    @Override
    public String uid() {
        return uid;
    }

    public Param<String> description() { return description; }
    public Param<String> descriptionPath() { return descriptionPath; }
    public Param<String> featuresCol() { return featuresCol; }
    public Param<String> labelCol() { return labelCol; }
    public Param<String> mode() { return mode; }
    public IntParam syncEvery() { return syncEvery; }
    public Param<String> outputCol() { return outputCol; }
    public Param<String> predictionCol() { return predictionCol; }
    public Param<String> probabilityCol() { return probabilityCol; }
    public Param<String> rawPredictionCol() { return rawPredictionCol; }
    public DoubleParam stepSize() { return stepSize; }
    public IntParam maxIter() { return maxIter; }
    public IntParam batchSize() { return batchSize; }
    public LongParam seed() { return seed; }
    public Param<String> optimizer() { return optimizer; }

    public ChainruleEstimator setDescription(String value) { set(description, value); return this; }
    public ChainruleEstimator setDescriptionPath(String value) {
        set(descriptionPath, value);
        return this;
    }
    public ChainruleEstimator setFeaturesCol(String value) { set(featuresCol, value); return this; }
    public ChainruleEstimator setLabelCol(String value) { set(labelCol, value); return this; }
    public ChainruleEstimator setMode(String value) { set(mode, value); return this; }
    public ChainruleEstimator setSyncEvery(int steps) { set(syncEvery, steps); return this; }
    public ChainruleEstimator setOutputCol(String value) { set(outputCol, value); return this; }
    public ChainruleEstimator setPredictionCol(String value) {
        set(predictionCol, value);
        return this;
    }
    public ChainruleEstimator setProbabilityCol(String value) {
        set(probabilityCol, value);
        return this;
    }

    public ChainruleEstimator setRawPredictionCol(String value) {
        set(rawPredictionCol, value);
        return this;
    }
    public ChainruleEstimator setStepSize(double value) { set(stepSize, value); return this; }
    public ChainruleEstimator setMaxIter(int value) { set(maxIter, value); return this; }
    public ChainruleEstimator setBatchSize(int value) { set(batchSize, value); return this; }
    public ChainruleEstimator setSeed(long value) { set(seed, value); return this; }
    public ChainruleEstimator setOptimizer(String value) { set(optimizer, value); return this; }

    /** The learning rate fit uses: stepSize when set, else the description's. */
    public double getStepSize() { return trainingSettings().learningRate(); }
    /** The epochs fit trains: maxIter when set, else the description's. */
    public int getMaxIter() { return trainingSettings().epochs(); }
    /** The batch size fit uses: batchSize when set, else the description's. */
    public int getBatchSize() { return trainingSettings().batchSize(); }
    /** The seed fit uses: seed when set, else the description's. */
    public long getSeed() { return trainingSettings().seed(); }
    /** The optimizer fit uses: optimizer when set, else the description's. */
    public String getOptimizer() { return trainingSettings().optimizer().type().spelling(); }

    /** The description's training settings with the Params that are set on top. */
    TrainingSpec trainingSettings() {
        return trainingSettings(readDescription(SparkSession.active()).spec());
    }

    private TrainingSpec trainingSettings(dev.chainrule.description.Description spec) {
        TrainingSpec training = spec.training();
        if (isSet(stepSize)) {
            training = training.withLearningRate((Double) getOrDefault(stepSize));
        }
        if (isSet(maxIter)) {
            training = training.withEpochs((Integer) getOrDefault(maxIter));
        }
        if (isSet(batchSize)) {
            training = training.withBatchSize((Integer) getOrDefault(batchSize));
        }
        if (isSet(seed)) {
            training = training.withSeed((Long) getOrDefault(seed));
        }
        if (isSet(optimizer)) {
            String name = getOrDefault(optimizer);
            training = training.withOptimizer(Optimizer.of(Arrays.stream(Optimizer.Type.values())
                    .filter(t -> t.spelling().equals(name)).findFirst().orElseThrow()));
        }
        return training;
    }

    public String getMode() { return getOrDefault(mode); }
    public int getSyncEvery() { return (Integer) getOrDefault(syncEvery); }

    @Override
    public ChainruleModel fit(Dataset<?> dataset) {
        String chosenMode = getMode().toLowerCase(Locale.ROOT);
        if (!chosenMode.equals(SYNCHRONOUS) && !chosenMode.equals(AVERAGING)) {
            throw new IllegalArgumentException("mode must be synchronous or averaging, got '"
                    + getMode() + "'");
        }
        if (getSyncEvery() < 0) {
            throw new IllegalArgumentException("syncEvery must be 0 (once per epoch) or more"
                    + " steps, got " + getSyncEvery());
        }
        SparkSession spark = dataset.sparkSession();
        Description d = readDescription(spark);
        TrainingSpec training = trainingSettings(d.spec());
        ParameterUpdate update = ParameterUpdate.forTraining(training);
        Network shape = d.newNetwork();
        transformSchema(dataset.schema());
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        long start = System.nanoTime();
        // A barrier stage runs all its tasks at once: no more blocks than task slots.
        int maxBlocks = chosenMode.equals(SYNCHRONOUS) ? sc.defaultParallelism()
                : Integer.MAX_VALUE;
        JavaRDD<Block> blocks = Blocks.cache(Blocks.of(dataset, getOrDefault(featuresCol),
                getOrDefault(labelCol), shape.inputSize(), shape.targetSize(),
                shape.classifier(), maxBlocks));
        try {
            List<Integer> sizes = blocks.map(Block::size).collect();
            double cachingSeconds = (System.nanoTime() - start) / 1e9;
            if (sizes.stream().mapToLong(Integer::longValue).sum() == 0) {
                throw new IllegalArgumentException("no rows to train on");
            }
            SynchronousTraining.Trained trained = chosenMode.equals(SYNCHRONOUS)
                    ? SynchronousTraining.train(sc, blocks, sizes, d, training, update)
                    : AveragingTraining.train(sc, blocks, sizes, d, training, getSyncEvery());
            ChainruleModel model = new ChainruleModel(uid, d,
                    NetworkPool.getAll(trained.network()), new FitSummary(trained.epochLosses(),
                            cachingSeconds, trained.epochSeconds(), trained.kernels()));
            model.setFeaturesCol(getOrDefault(featuresCol))
                    .setOutputCol(getOrDefault(outputCol))
                    .setPredictionCol(getOrDefault(predictionCol))
                    .setProbabilityCol(getOrDefault(probabilityCol))
                    .setRawPredictionCol(getOrDefault(rawPredictionCol));
            return model.setParent(this);
        } finally {
            blocks.unpersist(false);
        }
    }

    /** The description text and its name for messages: inline text, or the file's contents. */
    Description readDescription(SparkSession spark) {
        if (isDefined(description)) {
            return new Description(getOrDefault(description), "description");
        }
        if (!isDefined(descriptionPath)) {
            throw new IllegalArgumentException("set the network description: setDescription(text)"
                    + " or setDescriptionPath(path)");
        }
        String location = getOrDefault(descriptionPath);
        Path path = new Path(location);
        try {
            FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
            try (InputStream in = fs.open(path)) {
                byte[] bytes = in.readAllBytes();
                return location.endsWith(".onnx") ? Description.fromOnnx(bytes, location)
                        : new Description(new String(bytes, StandardCharsets.UTF_8), location);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(location + ": cannot read the description: " + e,
                    e);
        }
    }

    @Override
    public StructType transformSchema(StructType schema) {
        Blocks.checkVectorColumn(schema, getOrDefault(featuresCol), "features");
        Blocks.checkLabelColumn(schema, getOrDefault(labelCol));
        boolean classifier = readDescription(SparkSession.active()).newNetwork().classifier();
        return ChainruleModel.outputSchema(schema, getOrDefault(outputCol),
                getOrDefault(predictionCol), getOrDefault(probabilityCol),
                getOrDefault(rawPredictionCol), classifier);
    }

    @Override
    public ChainruleEstimator copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    public static MLReader<ChainruleEstimator> read() {
        return new DefaultParamsReader<>();
    }

    public static ChainruleEstimator load(String path) {
        return read().load(path);
    }
}
