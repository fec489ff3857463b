package dev.chainrule.spark;

import dev.chainrule.runtime.Network;
import dev.chainrule.runtime.Weights;
import dev.chainrule.runtime.WeightsJson;
import java.io.Serializable;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsReader$;
import org.apache.spark.ml.util.DefaultParamsWriter$;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.Option;

/**
 * A trained Chainrule network as a Spark ML {@link Model}: {@link #transform} adds the network's
 * output (a Vector) and, for classifiers (softmax cross-entropy), the raw scores (log
 * probabilities), the class probabilities and the predicted class index, in MLlib's columns.
 * Every task compiles the description once and predicts with the generated class.
 *
 * <pre>{@code
 * Dataset<Row> scored = model.transform(test);
 * model.write().overwrite().save("models/mnist");
 * ChainruleModel again = ChainruleModel.load("models/mnist");
 * Weights w = model.weights();   // the same as chainrule train --save-weights
 * }</pre>
 *
 * <p>Saved as Spark ML's metadata (uid and params) plus one Parquet row holding the description
 * text and the weights in the JSON form of {@code --save-weights}.
 */
public final class ChainruleModel extends Model<ChainruleModel> implements MLWritable {

    private final String uid;
    private final Description description;
    private final double[][] parameters;
    private final FitSummary summary;
    private final Param<String> featuresCol;
    private final Param<String> outputCol;
    private final Param<String> predictionCol;
    private final Param<String> probabilityCol;
    private final Param<String> rawPredictionCol;

    static final String RAW_PREDICTION_DOC = "raw scores (classifiers): the logits, shifted so"
            + " their exps add up to 1 (the log of the probabilities), as"
            + " BinaryClassificationEvaluator reads them";

    /**
     * An empty model, which holds no network: what Spark Connect instantiates to find the class
     * ({@code ServiceLoader}); {@link #load} gives a trained one.
     */
    public ChainruleModel() {
        this(Identifiable$.MODULE$.randomUID("chainrule"), null, null, FitSummary.NONE);
    }

    ChainruleModel(String uid, Description description, double[][] parameters,
                   FitSummary summary) {
        this.uid = uid;
        this.description = description;
        this.parameters = parameters;
        this.summary = summary;
        featuresCol = new Param<>(this, "featuresCol", "features column (Vector)");
        outputCol = new Param<>(this, "outputCol", "network output column (Vector)");
        predictionCol = new Param<>(this, "predictionCol", "predicted class (classifiers)");
        probabilityCol = new Param<>(this, "probabilityCol", "class probabilities (classifiers)");
        rawPredictionCol = new Param<>(this, "rawPredictionCol", RAW_PREDICTION_DOC);
        setDefault(featuresCol, "features");
        setDefault(outputCol, "output");
        setDefault(predictionCol, "prediction");
        setDefault(probabilityCol, "probability");
        setDefault(rawPredictionCol, "rawPrediction");
    }

    @Override
    public String uid() {
        return uid;
    }

    public Param<String> featuresCol() { return featuresCol; }
    public Param<String> outputCol() { return outputCol; }
    public Param<String> predictionCol() { return predictionCol; }
    public Param<String> probabilityCol() { return probabilityCol; }
    public Param<String> rawPredictionCol() { return rawPredictionCol; }

    public ChainruleModel setFeaturesCol(String value) { set(featuresCol, value); return this; }
    public ChainruleModel setOutputCol(String value) { set(outputCol, value); return this; }
    public ChainruleModel setPredictionCol(String value) {
        set(predictionCol, value);
        return this;
    }
    public ChainruleModel setProbabilityCol(String value) {
        set(probabilityCol, value);
        return this;
    }
    public ChainruleModel setRawPredictionCol(String value) {
        set(rawPredictionCol, value);
        return this;
    }

    /** The trained description; an empty model (no-argument constructor) has none. */
    private Description trained() {
        if (description == null) {
            throw new IllegalStateException("ChainruleModel " + uid + " holds no network (it was"
                    + " made by the no-argument constructor): load one with"
                    + " ChainruleModel.load(path)");
        }
        return description;
    }

    /** The description text the model was trained from. */
    public String descriptionText() {
        return trained().text();
    }

    /** The trained parameters, by name (as {@code chainrule train --save-weights} writes them). */
    public Weights weights() {
        return Weights.of(network());
    }

    /** A new instance of the generated class holding the trained parameters. */
    public Network network() {
        Network net = trained().newNetwork();
        NetworkPool.setAll(net, parameters);
        return net;
    }

    /** Mean training loss of every epoch (empty for a loaded model). */
    public List<Double> epochLosses() {
        return summary.epochLosses();
    }

    /** The fit's losses and times (empty for a loaded model). */
    public FitSummary summary() {
        return summary;
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType schema = transformSchema(dataset.schema());
        boolean classifier = schema.getFieldIndex(getOrDefault(predictionCol)).isDefined();
        UserDefinedFunction output = functions.udf(new Forward(trained(), parameters),
                new VectorUDT());
        String out = getOrDefault(outputCol);
        Dataset<Row> scored = dataset.withColumn(out,
                output.apply(functions.col(getOrDefault(featuresCol))));
        if (classifier) {
            UserDefinedFunction argmax = functions.udf(
                    (UDF1<Vector, Double>) v -> (double) v.argmax(), DataTypes.DoubleType);
            UserDefinedFunction log = functions.udf((UDF1<Vector, Vector>) v -> {
                double[] logs = v.toArray();
                for (int i = 0; i < logs.length; i++) {
                    logs[i] = Math.log(logs[i]);
                }
                return Vectors.dense(logs);
            }, new VectorUDT());
            scored = scored.withColumn(getOrDefault(rawPredictionCol),
                            log.apply(functions.col(out)))
                    .withColumn(getOrDefault(probabilityCol), functions.col(out))
                    .withColumn(getOrDefault(predictionCol), argmax.apply(functions.col(out)));
        }
        return scored;
    }

    @Override
    public StructType transformSchema(StructType schema) {
        Blocks.checkVectorColumn(schema, getOrDefault(featuresCol), "features");
        return outputSchema(schema, getOrDefault(outputCol), getOrDefault(predictionCol),
                getOrDefault(probabilityCol), getOrDefault(rawPredictionCol),
                trained().newNetwork().classifier());
    }

    static StructType outputSchema(StructType schema, String output, String prediction,
                                   String probability, String rawPrediction,
                                   boolean classifier) {
        List<String> added = new ArrayList<>(List.of(output));
        if (classifier) {
            added.add(rawPrediction);
            added.add(probability);
            added.add(prediction);
        }
        for (String column : added) {
            if (schema.getFieldIndex(column).isDefined()) {
                throw new IllegalArgumentException("output column '" + column
                        + "' already exists");
            }
        }
        StructType result = schema.add(new StructField(output, new VectorUDT(), false,
                org.apache.spark.sql.types.Metadata.empty()));
        if (classifier) {
            result = result.add(new StructField(rawPrediction, new VectorUDT(), false,
                            org.apache.spark.sql.types.Metadata.empty()))
                    .add(new StructField(probability, new VectorUDT(), false,
                            org.apache.spark.sql.types.Metadata.empty()))
                    .add(new StructField(prediction, DataTypes.DoubleType, false,
                            org.apache.spark.sql.types.Metadata.empty()));
        }
        return result;
    }

    @Override
    public ChainruleModel copy(ParamMap extra) {
        ChainruleModel copy = new ChainruleModel(uid, description, parameters, summary);
        return copyValues(copy, extra).setParent(parent());
    }

    @Override
    public MLWriter write() {
        return new Writer(this);
    }

    public static MLReader<ChainruleModel> read() {
        return new Reader();
    }

    public static ChainruleModel load(String path) {
        return read().load(path);
    }

    /** The network's output for one features vector; one network per task, built lazily. */
    private static final class Forward implements UDF1<Vector, Vector>, Serializable {
        private final Description description;
        private final double[][] parameters;
        private transient Network net;
        private transient double[] y;

        Forward(Description description, double[][] parameters) {
            this.description = description;
            this.parameters = parameters;
        }

        @Override
        public Vector call(Vector features) {
            if (net == null) {
                net = description.newNetwork();
                NetworkPool.setAll(net, parameters);
                y = new double[net.outputSize()];
            }
            double[] x = features.toArray();
            if (x.length != net.inputSize()) {
                throw new IllegalArgumentException("features vector has " + x.length
                        + " values, the network's input is " + net.inputSize());
            }
            net.predict(x, y);
            return Vectors.dense(y.clone());
        }
    }

    private static final StructType DATA = new StructType()
            .add("description", DataTypes.StringType)
            .add("displayName", DataTypes.StringType)
            .add("weights", DataTypes.StringType)
            .add("values", DataTypes.StringType);   // an ONNX model's initializers, or null

    private static final class Writer extends MLWriter {
        private final ChainruleModel model;

        Writer(ChainruleModel model) {
            this.model = model;
        }

        @Override
        public void saveImpl(String path) {
            DefaultParamsWriter$.MODULE$.saveMetadata(model, path, sparkSession());
            Row row = RowFactory.create(model.trained().text(),
                    model.trained().displayName(), WeightsJson.toJson(model.network()),
                    model.trained().values());
            sparkSession().createDataFrame(Collections.singletonList(row), DATA)
                    .repartition(1).write().parquet(path + "/data");
        }
    }

    private static final class Reader extends MLReader<ChainruleModel> {
        @Override
        public ChainruleModel load(String path) {
            DefaultParamsReader.Metadata metadata = DefaultParamsReader$.MODULE$.loadMetadata(
                    path, sparkSession(), ChainruleModel.class.getName());
            Row row = sparkSession().read().parquet(path + "/data").first();
            // Models saved before ONNX descriptions have no values column.
            String values = row.schema().getFieldIndex("values").isDefined()
                    ? row.getString(3) : null;
            Description description = new Description(row.getString(0), row.getString(1),
                    values);
            Network net = description.newNetwork();
            WeightsJson.read(new StringReader(row.getString(2)), path + "/data").applyTo(net);
            ChainruleModel model = new ChainruleModel(metadata.uid(), description,
                    NetworkPool.getAll(net), FitSummary.NONE);
            metadata.getAndSetParams(model, Option.empty());
            return model;
        }
    }
}
