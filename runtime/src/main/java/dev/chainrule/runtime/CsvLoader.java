package dev.chainrule.runtime;

import java.io.File;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads comma-separated numbers into a {@link Dataset}: each row is the inputs, then the targets.
 * The first line may be a header (a line in which no field is a number); blank lines may end
 * the file. Values may have spaces around them; there is no quoting.
 *
 * <pre>{@code
 * // sepal/petal sizes, then the species as 0, 1 or 2 (or as three one-hot columns)
 * Dataset iris = CsvLoader.load(new File("iris.csv"), 4, 3, true);
 * double[][] unlabeled = CsvLoader.loadInputs(new File("new-flowers.csv"), 4);
 * }</pre>
 *
 * <p>Every problem is a {@link DataException} naming the spot, for example
 * {@code train.csv:3:7: expected a number, got 'abc'}; the column counts characters from 1 and
 * points at the start of the value.
 */
public final class CsvLoader {

    private CsvLoader() {
    }

    /**
     * Loads rows of {@code inputs} values followed by {@code outputs} target values. If
     * {@code classIndexTargets}, a row may instead end with one whole-number class index in
     * {@code [0, outputs)}, which becomes a one-hot target row.
     */
    public static Dataset load(File file, int inputs, int outputs, boolean classIndexTargets) {
        return load(file, inputs, outputs, classIndexTargets, false);
    }

    /**
     * As {@link #load(File, int, int, boolean)}; if {@code floatRange}, a value beyond the range
     * of a float (which a float network would see as infinity) is an error naming its place.
     */
    public static Dataset load(File file, int inputs, int outputs, boolean classIndexTargets,
                               boolean floatRange) {
        Reader reader = DataFiles.openCsvReader(file);
        try {
            return load(reader, DataFiles.displayName(file), inputs, outputs, classIndexTargets,
                    floatRange);
        } finally {
            DataFiles.closeQuietly(reader);
        }
    }

    /** As {@link #load(File, int, int, boolean)}; {@code name} is shown in messages. */
    public static Dataset load(Reader reader, String name, int inputs, int outputs,
                               boolean classIndexTargets) {
        return load(reader, name, inputs, outputs, classIndexTargets, false);
    }

    /** As {@link #load(File, int, int, boolean, boolean)}; {@code name} is shown in messages. */
    public static Dataset load(Reader reader, String name, int inputs, int outputs,
                               boolean classIndexTargets, boolean floatRange) {
        // a graph whose loss reads no target has rows of inputs only
        if (inputs < 1 || outputs < 0 || outputs == 0 && classIndexTargets) {
            throw new IllegalArgumentException("need at least one input and no negative output"
                    + " count, got " + inputs + " and " + outputs);
        }
        List<double[]> xs = new ArrayList<>();
        List<double[]> ts = new ArrayList<>();
        CsvRows rows = new CsvRows(reader, name, floatRange);
        while (rows.next()) {
            int n = rows.fieldCount();
            double[] x = new double[inputs];
            double[] t = new double[outputs];
            if (n == inputs + outputs) {
                rows.numbers(0, x, inputs);
                rows.numbers(inputs, t, outputs);
            } else if (classIndexTargets && n == inputs + 1) {
                rows.numbers(0, x, inputs);
                t[rows.classIndex(inputs, outputs)] = 1;
            } else {
                throw rows.lineError("row has " + n + " values, expected "
                        + (inputs + outputs) + " (" + count(inputs, "input") + " + "
                        + count(outputs, "target") + ")"
                        + (classIndexTargets && outputs > 1
                                ? " or " + (inputs + 1) + " (" + count(inputs, "input")
                                        + " + class index)"
                                : ""));
            }
            xs.add(x);
            ts.add(t);
        }
        rows.requireRows(xs.size());
        return new Dataset(name, inputs, outputs, xs.toArray(new double[0][]),
                ts.toArray(new double[0][]));
    }

    /**
     * Loads the first {@code inputs} values of each row, for prediction; further columns (such
     * as targets or ids) are ignored and need not be numbers.
     */
    public static double[][] loadInputs(File file, int inputs) {
        Reader reader = DataFiles.openReader(file);
        try {
            return loadInputs(reader, DataFiles.displayName(file), inputs);
        } finally {
            DataFiles.closeQuietly(reader);
        }
    }

    /** As {@link #loadInputs(File, int)}; {@code name} is shown in messages. */
    public static double[][] loadInputs(Reader reader, String name, int inputs) {
        if (inputs < 1) {
            throw new IllegalArgumentException("need at least one input, got " + inputs);
        }
        List<double[]> xs = new ArrayList<>();
        CsvRows rows = new CsvRows(reader, name);
        while (rows.next()) {
            if (rows.fieldCount() < inputs) {
                throw rows.lineError("row has " + rows.fieldCount() + " values, expected at least "
                        + count(inputs, "input"));
            }
            double[] x = new double[inputs];
            rows.numbers(0, x, inputs);
            xs.add(x);
        }
        rows.requireRows(xs.size());
        return xs.toArray(new double[0][]);
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
