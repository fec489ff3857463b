package dev.chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.runtime.Weights;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.connect.proto.Command;
import org.apache.spark.connect.proto.ExecutePlanRequest;
import org.apache.spark.connect.proto.ExecutePlanResponse;
import org.apache.spark.connect.proto.Expression;
import org.apache.spark.connect.proto.MlCommand;
import org.apache.spark.connect.proto.MlCommandResult;
import org.apache.spark.connect.proto.MlOperator;
import org.apache.spark.connect.proto.MlParams;
import org.apache.spark.connect.proto.MlRelation;
import org.apache.spark.connect.proto.ObjectRef;
import org.apache.spark.connect.proto.Plan;
import org.apache.spark.connect.proto.Relation;
import org.apache.spark.connect.proto.SQL;
import org.apache.spark.connect.proto.SparkConnectServiceGrpc;
import org.apache.spark.connect.proto.UserContext;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.connect.ml.MLUtils$;
import org.apache.spark.sql.connect.service.SparkConnectService$;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkproject.connect.grpc.ManagedChannel;
import org.sparkproject.connect.grpc.ManagedChannelBuilder;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The estimator and model through a Spark Connect server running in this JVM, on the shared
 * test Spark. Spark 4.0's JVM Connect client has no ML API (only PySpark's has), so the test
 * sends the ML commands PySpark sends ({@code MlCommand} Fit, Evaluate over an
 * {@code MlRelation} Transform, Write, Read) on the server's own gRPC stub; the server finds our
 * stages with {@code ServiceLoader} and builds the estimator with its {@code (String uid)}
 * constructor ({@code MLUtils.getEstimator}), then sets the Params sent.
 */
class SparkConnectTest {

    private static final String ESTIMATOR = ChainruleEstimator.class.getName();
    private static final String UID = "chainrule_over_connect";

    private static ManagedChannel channel;
    private static SparkConnectServiceGrpc.SparkConnectServiceBlockingStub stub;
    private static final String SESSION = UUID.randomUUID().toString();

    @TempDir
    Path dir;

    @BeforeAll
    static void startConnect() {
        // LocalSpark binds Connect to 127.0.0.1 and a free port.
        SparkConnectService$.MODULE$.start(LocalSpark.session().sparkContext());
        channel = ManagedChannelBuilder.forAddress("127.0.0.1",
                SparkConnectService$.MODULE$.localPort()).usePlaintext().build();
        stub = SparkConnectServiceGrpc.newBlockingStub(channel);
    }

    @AfterAll
    static void stopConnect() {
        channel.shutdownNow();
        SparkConnectService$.MODULE$.stop(scala.Option.empty(), scala.Option.empty());
    }

    /** Sends one ML command in the test's Connect session; the server's answer. */
    private static MlCommandResult execute(MlCommand command) {
        ExecutePlanRequest request = ExecutePlanRequest.newBuilder().setSessionId(SESSION)
                .setUserContext(UserContext.newBuilder().setUserId("chainrule-test"))
                .setPlan(Plan.newBuilder().setCommand(Command.newBuilder()
                        .setMlCommand(command)))
                .build();
        MlCommandResult result = null;
        for (Iterator<ExecutePlanResponse> it = stub.executePlan(request); it.hasNext(); ) {
            ExecutePlanResponse response = it.next();
            if (response.hasMlCommandResult()) {
                result = response.getMlCommandResult();
            }
        }
        return result;
    }

    private static Expression.Literal text(String value) {
        return Expression.Literal.newBuilder().setString(value).build();
    }

    private static Relation sql(String query) {
        return Relation.newBuilder().setSql(SQL.newBuilder().setQuery(query)).build();
    }

    /**
     * The lookup the Connect server runs for every ML command ({@code MLUtils.loadOperators}:
     * {@code ServiceLoader.stream()} over {@code META-INF/services}, which needs each provider's
     * public no-argument constructor, keyed by class name), then what {@code getEstimator} does
     * with the class found: {@code getConstructor(String.class).newInstance(uid)}.
     */
    @Test
    void theServersLookupFindsBothStages() throws Exception {
        Map<String, Class<?>> estimators =
                CollectionConverters.asJava(MLUtils$.MODULE$.loadOperators(Estimator.class));
        Map<String, Class<?>> transformers =
                CollectionConverters.asJava(MLUtils$.MODULE$.loadOperators(Transformer.class));
        assertEquals(ChainruleEstimator.class, estimators.get(ESTIMATOR));
        assertEquals(ChainruleModel.class, transformers.get(ChainruleModel.class.getName()));

        Object made = estimators.get(ESTIMATOR).getConstructor(String.class).newInstance(UID);
        assertEquals(UID, ((ChainruleEstimator) made).uid());
        IllegalStateException empty = assertThrows(IllegalStateException.class,
                () -> new ChainruleModel().weights());
        assertTrue(empty.getMessage().endsWith("load one with ChainruleModel.load(path)"),
                empty.getMessage());
    }

    /**
     * Fit, evaluate and save over Connect give what the same estimator gives in this process:
     * the same accuracy, and the saved weights bit for bit (the same rows in the same two
     * partitions: a global temporary view both sessions read).
     */
    @Test
    void fitEvaluateSaveAndLoadThroughSparkConnect() {
        String description = ChainruleEstimatorTest.iris(16, 3);
        Dataset<Row> iris = new VectorAssembler().setInputCols(LocalSpark.IRIS_COLUMNS)
                .setOutputCol("features").transform(LocalSpark.irisFrame(2))
                .select("features", "label");
        iris.createOrReplaceGlobalTempView("iris_features");
        Relation viewed = sql("SELECT features, label FROM global_temp.iris_features");

        MlCommandResult fitted = execute(MlCommand.newBuilder().setFit(MlCommand.Fit.newBuilder()
                .setEstimator(MlOperator.newBuilder().setName(ESTIMATOR).setUid(UID)
                        .setType(MlOperator.OperatorType.OPERATOR_TYPE_ESTIMATOR))
                .setParams(MlParams.newBuilder().putParams("description", text(description))
                        .putParams("stepSize", Expression.Literal.newBuilder().setDouble(0.1)
                                .build()))
                .setDataset(viewed)).build());
        ObjectRef model = fitted.getOperatorInfo().getObjRef();

        MlCommandResult evaluated = execute(MlCommand.newBuilder().setEvaluate(
                MlCommand.Evaluate.newBuilder()
                        .setEvaluator(MlOperator.newBuilder()
                                .setName(MulticlassClassificationEvaluator.class.getName())
                                .setUid("accuracy_over_connect")
                                .setType(MlOperator.OperatorType.OPERATOR_TYPE_EVALUATOR))
                        .setParams(MlParams.newBuilder().putParams("metricName",
                                text("accuracy")))
                        .setDataset(Relation.newBuilder().setMlRelation(MlRelation.newBuilder()
                                .setTransform(MlRelation.Transform.newBuilder().setObjRef(model)
                                        .setInput(viewed))))).build());

        String path = dir.resolve("model").toString();
        execute(MlCommand.newBuilder().setWrite(MlCommand.Write.newBuilder().setObjRef(model)
                .setPath(path).setShouldOverwrite(true)).build());
        MlCommandResult read = execute(MlCommand.newBuilder().setRead(MlCommand.Read.newBuilder()
                .setOperator(MlOperator.newBuilder().setName(ChainruleModel.class.getName())
                        .setType(MlOperator.OperatorType.OPERATOR_TYPE_MODEL))
                .setPath(path)).build());

        ChainruleModel here = new ChainruleEstimator(UID).setDescription(description)
                .setStepSize(0.1).fit(iris);
        double accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy")
                .evaluate(here.transform(iris));
        assertEquals(accuracy, evaluated.getParam().getDouble(), 0.0);
        assertTrue(accuracy > 0.6, "3 epochs at 0.1 learn iris: " + accuracy);

        Weights overConnect = ChainruleModel.load(path).weights();
        for (String name : here.weights().names()) {
            assertArrayEquals(here.weights().values(name), overConnect.values(name), 0.0, name);
        }
        assertEquals(UID, read.getOperatorInfo().getUid(), "the uid the client gave");
        assertTrue(read.getOperatorInfo().hasObjRef(), "the loaded model is cached for the"
                + " client");
    }
}
