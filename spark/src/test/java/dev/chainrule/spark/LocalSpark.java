package dev.chainrule.spark;

import dev.chainrule.cli.Main;
import dev.chainrule.cli.Main;
import dev.chainrule.runtime.CsvLoader;
import dev.chainrule.runtime.Dataset;
import dev.chainrule.runtime.IdxLoader;
import dev.chainrule.runtime.Weights;
import dev.chainrule.runtime.WeightsJson;
import dev.chainrule.runtime.Weights;
import dev.chainrule.runtime.WeightsJson;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import picocli.CommandLine;
import picocli.CommandLine;

/**
 * The one Spark every test class shares (starting one costs seconds): two threads, a task may
 * fail up to four times, no UI, driver on the loopback address. Also the sample data as frames.
 */
final class LocalSpark {

    private static SparkSession spark;

    private LocalSpark() {
    }

    static synchronized SparkSession session() {
        if (spark == null) {
            spark = SparkSession.builder()
                    .master("local[2,4]")
                    .appName("chainrule-spark-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.sql.adaptive.enabled", "false")
                    // Where SparkConnectTest starts a Connect server: loopback, a free port.
                    .config("spark.connect.grpc.binding.address", "127.0.0.1")
                    .config("spark.connect.grpc.binding.port", "0")
                    .getOrCreate();
            spark.sparkContext().setLogLevel("ERROR");
        }
        return spark;
    }

    static Path samples() {
        return Path.of(System.getProperty("chainrule.samples", "../samples"));
    }

    static File data(String name) {
        return samples().resolve("data").resolve(name).toFile();
    }

    static Dataset iris() {
        return CsvLoader.load(data("iris.csv"), 4, 3, true);
    }

    static Dataset mnistTrain() {
        return IdxLoader.load(data("mnist-train-8k-images-idx3-ubyte.gz"),
                data("mnist-train-8k-labels-idx1-ubyte.gz"), 784, 10);
    }

    static Dataset mnistTest() {
        return IdxLoader.load(data("mnist-test-2k-images-idx3-ubyte.gz"),
                data("mnist-test-2k-labels-idx1-ubyte.gz"), 784, 10);
    }

    /** Iris as columns {@code sepal_length .. petal_width, label}, in file order. */
    static org.apache.spark.sql.Dataset<Row> irisFrame(int partitions) {
        Dataset iris = iris();
        StructType schema = new StructType()
                .add("sepal_length", DataTypes.DoubleType).add("sepal_width", DataTypes.DoubleType)
                .add("petal_length", DataTypes.DoubleType).add("petal_width", DataTypes.DoubleType)
                .add("label", DataTypes.DoubleType);
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < iris.size(); r++) {
            double[] x = iris.inputs()[r];
            rows.add(RowFactory.create(x[0], x[1], x[2], x[3], (double) iris.label(r)));
        }
        return frame(rows, schema, partitions);
    }

    static final String[] IRIS_COLUMNS =
            {"sepal_length", "sepal_width", "petal_length", "petal_width"};

    /** An MNIST set as a {@code features} vector (784 pixels) and a label, in file order. */
    static org.apache.spark.sql.Dataset<Row> mnistFrame(Dataset mnist, int partitions) {
        StructType schema = new StructType().add("features", new VectorUDT())
                .add("label", DataTypes.DoubleType);
        List<Row> rows = new ArrayList<>();
        for (int k = 0; k < mnist.size(); k++) {
            rows.add(RowFactory.create(Vectors.dense(mnist.inputs()[k]),
                    (double) mnist.label(k)));
        }
        return frame(rows, schema, partitions);
    }

    /** A UCI digits file as a {@code features} vector (64 pixels) and a label, in file order. */
    static org.apache.spark.sql.Dataset<Row> digitsFrame(String file, int partitions) {
        Dataset digits = CsvLoader.load(data(file), 64, 10, true);
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < digits.size(); r++) {
            rows.add(RowFactory.create(Vectors.dense(digits.inputs()[r]),
                    (double) digits.label(r)));
        }
        return frame(rows, new StructType().add("features", new VectorUDT())
                .add("label", DataTypes.DoubleType), partitions);
    }

    /** What {@code chainrule train NET --data DATA --save-weights W FLAGS} saves. */
    static Weights cliTrained(Path net, File data, Path dir, String... flags) {
        Path saved = dir.resolve("cli.json");
        List<String> args = new ArrayList<>(List.of("train", net.toString(), "--data",
                data.toString(), "--save-weights", saved.toString()));
        args.addAll(List.of(flags));
        int status = new CommandLine(new Main()).execute(args.toArray(String[]::new));
        if (status != 0) {
            throw new AssertionError("chainrule " + args + " exited with " + status);
        }
        return WeightsJson.read(saved.toFile());
    }

    /**
     * {@code rows} in order over {@code partitions} partitions of consecutive rows. From an RDD,
     * not a local relation: a local relation converts every row on the driver, in one thread,
     * when it is made (seconds for MNIST-8k's vectors); an RDD's tasks convert them as they read.
     */
    static org.apache.spark.sql.Dataset<Row> frame(List<Row> rows, StructType schema,
                                                 int partitions) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(session().sparkContext());
        return session().createDataFrame(sc.parallelize(rows, partitions), schema);
    }
}
