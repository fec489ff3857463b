package dev.chainrule.runtime;

/**
 * Measures a network on a data set without changing it.
 *
 * <pre>{@code
 * double accuracy = Evaluation.accuracy(net, test);   // 0.97 = 97% of rows classified right
 * double loss = Evaluation.meanLoss(net, test);
 * long[][] counts = Evaluation.confusion(net, test);  // [true class][predicted class]
 * }</pre>
 */
public final class Evaluation {

    private Evaluation() {
    }

    /**
     * Fraction of rows whose predicted class ({@link #argmax} of the output) equals their label
     * ({@link Dataset#label}); NaN for an empty data set.
     */
    public static double accuracy(Network net, Dataset data) {
        checkWidths(net, data);
        double[] y = new double[net.outputSize()];
        int correct = 0;
        for (int r = 0; r < data.size(); r++) {
            net.predict(data.inputs()[r], y);
            if (argmax(y) == data.label(r)) {
                correct++;
            }
        }
        return data.size() == 0 ? Double.NaN : (double) correct / data.size();
    }

    /**
     * How many rows of each true class ({@link Dataset#label}, the row index) were predicted as
     * each class ({@link #argmax} of the output, the column index).
     */
    public static long[][] confusion(Network net, Dataset data) {
        checkWidths(net, data);
        int classes = net.outputSize();
        long[][] counts = new long[classes][classes];
        double[] y = new double[classes];
        for (int r = 0; r < data.size(); r++) {
            net.predict(data.inputs()[r], y);
            counts[data.label(r)][argmax(y)]++;
        }
        return counts;
    }

    /** Mean of the per-row losses; NaN for an empty data set. */
    public static double meanLoss(Network net, Dataset data) {
        checkWidths(net, data);
        double sum = 0;
        for (int r = 0; r < data.size(); r++) {
            sum += net.loss(data.inputs()[r], data.targets()[r]);
        }
        return data.size() == 0 ? Double.NaN : sum / data.size();
    }

    /**
     * Index of the largest value. Ties go to the lowest index, so the answer never depends on
     * anything but the values; a NaN never wins.
     */
    public static int argmax(double[] values) {
        int best = 0;
        for (int k = 1; k < values.length; k++) {
            boolean replacesNaN = Double.isNaN(values[best]) && !Double.isNaN(values[k]);
            if (values[k] > values[best] || replacesNaN) {
                best = k;
            }
        }
        return best;
    }

    /** Throws unless {@code data} rows fit {@code net}, naming both. */
    static void checkWidths(Network net, Dataset data) {
        if (data.inputWidth() != net.inputSize() || data.targetWidth() != net.targetSize()) {
            throw new IllegalArgumentException(data.source() + " has " + data.inputWidth()
                    + " inputs and " + data.targetWidth() + " targets per row, network '"
                    + net.name() + "' expects " + net.inputSize() + " and " + net.targetSize());
        }
    }
}
