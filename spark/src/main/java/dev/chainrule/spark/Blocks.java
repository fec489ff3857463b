package dev.chainrule.spark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * A data frame's features and labels as one {@link Block} per partition, in the frame's row
 * order (partition by partition). With the same partitioning, the same rows land in the same
 * blocks on every run; block {@code i} is partition {@code i}.
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
     * for a network with one output); a vector label is the dense target row. At most
     * {@code maxPartitions} blocks: neighbouring partitions are merged beyond that.
     */
    static JavaRDD<Block> of(Dataset<?> data, String featuresCol, String labelCol, int inputs,
                             int outputs, boolean classifier, int maxPartitions) {
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
        if (rows.getNumPartitions() > maxPartitions) {
            rows = rows.coalesce(maxPartitions);   // merges neighbours: the row order stays
        }
        // One pass, no shuffle: every mode runs one job per epoch (or round), so a task reads
        // its partition's source once per epoch, not once per step.
        return rows.mapPartitionsWithIndex((partition, it) -> {
            List<double[]> xs = new ArrayList<>();
            List<double[]> ts = new ArrayList<>();
            while (it.hasNext()) {
                Row row = it.next();
                int index = xs.size();
                xs.add(features(row, featuresCol, inputs, partition, index));
                ts.add(vectorLabels ? targets(row, labelCol, outputs, partition, index)
                        : classTarget(row, labelCol, outputs, classifier, partition, index));
            }
            Block block = new Block(partition, xs.toArray(new double[0][]),
                    ts.toArray(new double[0][]));
            return Collections.singletonList(block).iterator();
        }, true);
    }

    /**
     * {@code blocks} kept in memory (spilling to disk) once computed, with their lineage cut:
     * a training stage then reads the stored blocks, not the data frame's plan (whose partitions
     * may carry their rows, as a local relation's do, or differ in number, which a barrier stage
     * refuses). Checkpointed to {@code SparkContext.setCheckpointDir} when one is set (survives a
     * lost executor); otherwise locally.
     */
    static JavaRDD<Block> cache(JavaRDD<Block> blocks) {
        blocks.persist(StorageLevel.MEMORY_AND_DISK());
        if (blocks.context().getCheckpointDir().isDefined()) {
            blocks.checkpoint();
        } else {
            blocks.rdd().localCheckpoint();
        }
        return blocks;
    }

    /** The global index of every block's first row, from the blocks' sizes in partition order. */
    static long[] firsts(List<Integer> sizes) {
        long[] firsts = new long[sizes.size()];
        for (int p = 1; p < firsts.length; p++) {
            firsts[p] = firsts[p - 1] + sizes.get(p - 1);
        }
        return firsts;
    }

    private static String where(String role, String column, int partition, int index) {
        return role + " column '" + column + "': row " + index + " of partition " + partition;
    }

    private static double[] features(Row row, String column, int width, int partition,
                                     int index) {
        if (row.isNullAt(0)) {
            throw new IllegalArgumentException(where("features", column, partition, index)
                    + " is null");
        }
        double[] x = ((Vector) row.get(0)).toArray();
        if (x.length != width) {
            throw new IllegalArgumentException(where("features", column, partition, index)
                    + " has " + x.length + " values, the network's input is " + width);
        }
        return x;
    }

    private static double[] targets(Row row, String column, int width, int partition,
                                    int index) {
        if (row.isNullAt(1)) {
            throw new IllegalArgumentException(where("label", column, partition, index)
                    + " is null");
        }
        double[] t = ((Vector) row.get(1)).toArray();
        if (t.length != width) {
            throw new IllegalArgumentException(where("label", column, partition, index)
                    + " has " + t.length + " values, the network's output is " + width);
        }
        return t;
    }

    private static double[] classTarget(Row row, String column, int classes, boolean classifier,
                                        int partition, int index) {
        if (row.isNullAt(1)) {
            throw new IllegalArgumentException(where("label", column, partition, index)
                    + " is null");
        }
        double label = ((Number) row.get(1)).doubleValue();
        if (!classifier) {
            return new double[] {label};
        }
        int k = (int) label;
        if (k != label || k < 0 || k >= classes) {
            throw new IllegalArgumentException(where("label", column, partition, index)
                    + " has " + label + ", expected a class index 0.." + (classes - 1));
        }
        double[] t = new double[classes];
        t[k] = 1;
        return t;
    }
}
