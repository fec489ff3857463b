package dev.chainrule.spark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

/**
 * A data frame's features and labels as one {@link Block} per partition, numbered in the frame's
 * row order (partition by partition). With the same partitioning, the same rows land in the same
 * blocks on every run; block {@code i} stays in partition {@code i}.
 */
final class Blocks {

    private Blocks() {
    }

    /** Checks that {@code column} exists and holds vectors. */
    static void checkVectorColumn(StructType schema, String column, String role) {
        DataType type = type(schema, column, role);
        if (!(type instanceof VectorUDT)) {
            throw new IllegalArgumentException(role + " column '" + column + "' must hold"
                    + " vectors (org.apache.spark.ml.linalg.Vector), not " + type.simpleString());
        }
    }

    /** Checks that the label column holds class indices (numbers) or target vectors. */
    static void checkLabelColumn(StructType schema, String column) {
        DataType type = type(schema, column, "label");
        if (!(type instanceof VectorUDT) && !(type instanceof NumericType)) {
            throw new IllegalArgumentException("label column '" + column + "' must hold class"
                    + " indices (numbers) or target vectors, not " + type.simpleString());
        }
    }

    private static DataType type(StructType schema, String column, String role) {
        for (String name : schema.fieldNames()) {
            if (name.equals(column)) {
                return schema.apply(column).dataType();
            }
        }
        throw new IllegalArgumentException("no " + role + " column '" + column + "' (columns: "
                + String.join(", ", schema.fieldNames()) + ")");
    }

    /**
     * The rows of {@code data} as blocks: inputs {@code inputs} wide, targets {@code outputs}
     * wide. A numeric label is a class index, one-hot encoded for a classifier (a plain value
     * for a network with one output); a vector label is the dense target row.
     */
    static JavaRDD<Block> of(Dataset<?> data, String featuresCol, String labelCol, int inputs,
                             int outputs, boolean classifier) {
        StructType schema = data.schema();
        checkVectorColumn(schema, featuresCol, "features");
        checkLabelColumn(schema, labelCol);
        boolean vectorLabels = schema.apply(labelCol).dataType() instanceof VectorUDT;
        if (!vectorLabels && !classifier && outputs != 1) {
            throw new IllegalArgumentException("label column '" + labelCol + "' holds numbers,"
                    + " but the network is a regression with " + outputs + " outputs: give"
                    + " target vectors");
        }
        JavaRDD<Row> rows = data.select(featuresCol, labelCol).toJavaRDD();
        JavaRDD<Block> blocks = rows.zipWithIndex().mapPartitionsWithIndex((partition, it) -> {
            List<double[]> xs = new ArrayList<>();
            List<double[]> ts = new ArrayList<>();
            long first = -1;
            while (it.hasNext()) {
                Tuple2<Row, Long> next = it.next();
                if (first < 0) {
                    first = next._2();
                }
                Row row = next._1();
                xs.add(features(row, featuresCol, inputs, next._2()));
                ts.add(vectorLabels ? targets(row, labelCol, outputs, next._2())
                        : classTarget(row, labelCol, outputs, classifier, next._2()));
            }
            Block block = new Block(partition, Math.max(first, 0),
                    xs.toArray(new double[0][]), ts.toArray(new double[0][]));
            Iterator<Block> one = Collections.singletonList(block).iterator();
            return one;
        }, true);
        // A shuffle boundary, block i to partition i: the steps' tasks then carry a partition
        // index, not their source's partition objects (a local relation's hold all its rows,
        // which every task of every step would otherwise ship and deserialize again).
        int partitions = blocks.getNumPartitions();
        return blocks.mapToPair(block -> new Tuple2<>(block.partition(), block))
                .partitionBy(new HashPartitioner(partitions))
                .values();
    }

    private static double[] features(Row row, String column, int width, long index) {
        if (row.isNullAt(0)) {
            throw new IllegalArgumentException("features column '" + column + "': row " + index
                    + " is null");
        }
        double[] x = ((Vector) row.get(0)).toArray();
        if (x.length != width) {
            throw new IllegalArgumentException("features column '" + column + "': row " + index
                    + " has " + x.length + " values, the network's input is " + width);
        }
        return x;
    }

    private static double[] targets(Row row, String column, int width, long index) {
        if (row.isNullAt(1)) {
            throw new IllegalArgumentException("label column '" + column + "': row " + index
                    + " is null");
        }
        double[] t = ((Vector) row.get(1)).toArray();
        if (t.length != width) {
            throw new IllegalArgumentException("label column '" + column + "': row " + index
                    + " has " + t.length + " values, the network's output is " + width);
        }
        return t;
    }

    private static double[] classTarget(Row row, String column, int classes, boolean classifier,
                                        long index) {
        if (row.isNullAt(1)) {
            throw new IllegalArgumentException("label column '" + column + "': row " + index
                    + " is null");
        }
        double label = ((Number) row.get(1)).doubleValue();
        if (!classifier) {
            return new double[] {label};
        }
        int k = (int) label;
        if (k != label || k < 0 || k >= classes) {
            throw new IllegalArgumentException("label column '" + column + "': row " + index
                    + " has " + label + ", expected a class index 0.." + (classes - 1));
        }
        double[] t = new double[classes];
        t[k] = 1;
        return t;
    }
}
