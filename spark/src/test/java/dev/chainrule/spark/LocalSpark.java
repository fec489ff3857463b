package dev.chainrule.spark;

import dev.chainrule.runtime.CsvLoader;
import dev.chainrule.runtime.Dataset;
import dev.chainrule.runtime.IdxLoader;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

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

    /**
     * An MNIST set as 28 vector columns {@code row0 .. row27} (one per pixel row) and a label, in
     * file order: a VectorAssembler puts the 784 pixels back together.
     */
    static org.apache.spark.sql.Dataset<Row> mnistFrame(Dataset mnist, int partitions) {
        StructType schema = new StructType();
        for (int r = 0; r < 28; r++) {
            schema = schema.add("row" + r, new VectorUDT());
        }
        schema = schema.add("label", DataTypes.DoubleType);
        List<Row> rows = new ArrayList<>();
        for (int k = 0; k < mnist.size(); k++) {
            Object[] values = new Object[29];
            double[] x = mnist.inputs()[k];
            for (int r = 0; r < 28; r++) {
                double[] row = new double[28];
                System.arraycopy(x, 28 * r, row, 0, 28);
                values[r] = Vectors.dense(row);
            }
            values[28] = (double) mnist.label(k);
            rows.add(RowFactory.create(values));
        }
        return frame(rows, schema, partitions);
    }

    static String[] mnistColumns() {
        String[] columns = new String[28];
        for (int r = 0; r < 28; r++) {
            columns[r] = "row" + r;
        }
        return columns;
    }

    /**
     * {@code rows} in order over {@code partitions} partitions of consecutive rows: a local
     * relation, which Spark splits into consecutive ranges over the default parallelism (2 here).
     */
    static org.apache.spark.sql.Dataset<Row> frame(List<Row> rows, StructType schema,
                                                 int partitions) {
        org.apache.spark.sql.Dataset<Row> frame = session().createDataFrame(rows, schema);
        if (frame.rdd().getNumPartitions() != partitions) {
            throw new IllegalStateException("a local relation is split over the default"
                    + " parallelism, " + frame.rdd().getNumPartitions() + ", not " + partitions);
        }
        return frame;
    }
}
