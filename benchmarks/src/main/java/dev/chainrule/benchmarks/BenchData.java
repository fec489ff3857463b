package dev.chainrule.benchmarks;

import dev.chainrule.runtime.Dataset;
import dev.chainrule.runtime.IdxLoader;

import java.io.File;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Training sets for the throughput benchmarks: {@code count} samples of the network's shape.
 * The MNIST networks (784 inputs, or LeNet's [1, 28, 28]: the same values, row-major) use the
 * first images of the bundled 8k MNIST training file, found from the working directory (or
 * {@code -Dchainrule.data=DIR}); when it is missing, random images with about 19% nonzero pixels
 * in [0, 1] stand in (the sparsity matters: both Chainrule and good hand-written code skip zero
 * inputs).
 */
public final class BenchData {

    static final String IMAGES = "mnist-train-8k-images-idx3-ubyte.gz";
    static final String LABELS = "mnist-train-8k-labels-idx1-ubyte.gz";

    public final double[][] xs;
    public final double[][] ts;
    /** Where the data came from, for the log. */
    public final String source;

    private BenchData(double[][] xs, double[][] ts, String source) {
        this.xs = xs;
        this.ts = ts;
        this.source = source;
    }

    public static BenchData forNetwork(String net, int count) {
        SplittableRandom rng = new SplittableRandom(1234);
        switch (net) {
            case "N1": {
                // 2 inputs in [0, 1], 2 regression targets in [0, 1] (sigmoid outputs).
                double[][] xs = new double[count][2];
                double[][] ts = new double[count][2];
                for (int k = 0; k < count; k++) {
                    for (int j = 0; j < 2; j++) {
                        xs[k][j] = rng.nextDouble();
                        ts[k][j] = rng.nextDouble();
                    }
                }
                return new BenchData(xs, ts, "random");
            }
            case "N2": {
                // 4 iris-like measurements, 3 one-hot classes.
                double[][] xs = new double[count][4];
                double[][] ts = new double[count][3];
                for (int k = 0; k < count; k++) {
                    int label = rng.nextInt(3);
                    for (int j = 0; j < 4; j++) {
                        xs[k][j] = 1 + 2 * label * (j + 1) / 4.0 + rng.nextDouble();
                    }
                    ts[k][label] = 1;
                }
                return new BenchData(xs, ts, "random");
            }
            case "N3":
            case "N4":
            case "LeNet":
                return mnist(count, rng);
            default:
                if (net.matches("W[1-9][0-9]*")) {
                    return mnist(count, rng);
                }
                throw new IllegalArgumentException("unknown network " + net);
        }
    }

    private static BenchData mnist(int count, SplittableRandom rng) {
        File dir = findDataDirectory();
        if (dir != null) {
            Dataset all = IdxLoader.load(new File(dir, IMAGES), new File(dir, LABELS), 784, 10);
            if (all.inputs().length >= count) {
                return new BenchData(Arrays.copyOf(all.inputs(), count),
                        Arrays.copyOf(all.targets(), count), "MNIST " + dir);
            }
        }
        double[][] xs = new double[count][784];
        double[][] ts = new double[count][10];
        for (int k = 0; k < count; k++) {
            for (int j = 0; j < 784; j++) {
                if (rng.nextDouble() < 0.19) {
                    xs[k][j] = rng.nextDouble();
                }
            }
            ts[k][rng.nextInt(10)] = 1;
        }
        return new BenchData(xs, ts, "random, 19% nonzero");
    }

    private static File findDataDirectory() {
        String property = System.getProperty("chainrule.data");
        if (property != null) {
            return new File(property, IMAGES).isFile() ? new File(property) : null;
        }
        File dir = new File("").getAbsoluteFile();
        while (dir != null) {
            File candidate = new File(dir, "samples/data");
            if (new File(candidate, IMAGES).isFile() && new File(candidate, LABELS).isFile()) {
                return candidate;
            }
            dir = dir.getParentFile();
        }
        return null;
    }

    /** {@code 0, 1, ..., n - 1}: every benchmark trains on the samples in their stored order. */
    public int[] order() {
        int[] order = new int[xs.length];
        for (int k = 0; k < order.length; k++) {
            order[k] = k;
        }
        return order;
    }

    /** Fraction of exactly-zero input values, for the log. */
    public double zeroFraction() {
        long zeros = 0;
        long all = 0;
        for (double[] x : xs) {
            for (double v : x) {
                zeros += v == 0 ? 1 : 0;
                all++;
            }
        }
        return (double) zeros / all;
    }
}
