package dev.chainrule.runtime;

/**
 * Rows of inputs with their dense targets, as training and evaluation read them. A target row is
 * as wide as the network's output; class labels arrive one-hot encoded, so {@link #label} is the
 * class of a row.
 *
 * <pre>{@code
 * Dataset train = CsvLoader.load(new File("iris.csv"), 4, 3, true);
 * double[] x = train.inputs()[0];
 * int species = train.label(0);
 * }</pre>
 *
 * <p>The arrays are shared, not copied (an MNIST training set is 380 MB of doubles): treat them
 * as read-only.
 */
public final class Dataset {

    private final String source;
    private final int inputWidth;
    private final int targetWidth;
    private final double[][] inputs;
    private final double[][] targets;

    /**
     * @param source where the rows came from, for messages (a file name)
     * @throws IllegalArgumentException if the row counts differ or a row has the wrong width
     */
    public Dataset(String source, int inputWidth, int targetWidth, double[][] inputs,
                   double[][] targets) {
        if (inputs.length != targets.length) {
            throw new IllegalArgumentException(source + ": " + inputs.length + " input rows but "
                    + targets.length + " target rows");
        }
        for (int r = 0; r < inputs.length; r++) {
            checkWidth(source, "input", r, inputs[r], inputWidth);
            checkWidth(source, "target", r, targets[r], targetWidth);
        }
        this.source = source;
        this.inputWidth = inputWidth;
        this.targetWidth = targetWidth;
        this.inputs = inputs;
        this.targets = targets;
    }

    private static void checkWidth(String source, String what, int row, double[] values,
                                   int width) {
        if (values.length != width) {
            throw new IllegalArgumentException(source + ": " + what + " row " + row + " has "
                    + values.length + " values, expected " + width);
        }
    }

    /** Where the rows came from, for messages. */
    public String source() {
        return source;
    }

    public int size() {
        return inputs.length;
    }

    public int inputWidth() {
        return inputWidth;
    }

    public int targetWidth() {
        return targetWidth;
    }

    /** All input rows (shared, read-only). */
    public double[][] inputs() {
        return inputs;
    }

    /** All target rows (shared, read-only). */
    public double[][] targets() {
        return targets;
    }

    /**
     * The same rows in an order drawn from {@code seed} (Fisher–Yates over
     * {@code SplittableRandom(seed)}; the arrays are shared, not copied). A validation split
     * holds out the last rows, so a file sorted by class needs this first:
     * {@code CsvLoader.load(file, 4, 3, true).shuffled(42)}.
     */
    public Dataset shuffled(long seed) {
        int[] order = new int[inputs.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        ShuffleOrder.shuffle(order, new java.util.SplittableRandom(seed));
        double[][] xs = new double[order.length][];
        double[][] ts = new double[order.length][];
        for (int i = 0; i < order.length; i++) {
            xs[i] = inputs[order[i]];
            ts[i] = targets[order[i]];
        }
        return new Dataset(source, inputWidth, targetWidth, xs, ts);
    }

    /** The class of a row: the index of its largest target value, the lowest on ties. */
    public int label(int row) {
        return Evaluation.argmax(targets[row]);
    }
}
