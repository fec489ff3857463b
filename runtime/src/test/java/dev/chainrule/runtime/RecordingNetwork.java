package dev.chainrule.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Passes everything to a real network and records each {@link #trainBatch} call. */
final class RecordingNetwork implements Network {

    /** One trainBatch call: the sample indices it trained on, in order, and its loss sum. */
    static final class Batch {
        final int from;
        final int[] samples;
        final double lossSum;

        Batch(int from, int[] samples, double lossSum) {
            this.from = from;
            this.samples = samples;
            this.lossSum = lossSum;
        }
    }

    final Network inner;
    final List<Batch> batches = new ArrayList<>();

    RecordingNetwork(Network inner) {
        this.inner = inner;
    }

    @Override
    public double trainBatch(double[][] xs, double[][] ts, int[] order, int from, int count,
                             double learningRate) {
        double loss = inner.trainBatch(xs, ts, order, from, count, learningRate);
        batches.add(new Batch(from, Arrays.copyOfRange(order, from, from + count), loss));
        return loss;
    }

    @Override public String name() { return inner.name(); }
    @Override public int inputSize() { return inner.inputSize(); }
    @Override public int outputSize() { return inner.outputSize(); }
    @Override public boolean doublePrecision() { return inner.doublePrecision(); }
    @Override public boolean classifier() { return inner.classifier(); }
    @Override public String[] parameterNames() { return inner.parameterNames(); }
    @Override public int[] parameterShape(String name) { return inner.parameterShape(name); }
    @Override public String initializer(String name) { return inner.initializer(name); }
    @Override public double[] getParameter(String name) { return inner.getParameter(name); }
    @Override public void setParameter(String name, double[] v) { inner.setParameter(name, v); }
    @Override public double[] getGradient(String name) { return inner.getGradient(name); }
    @Override public void predict(double[] x, double[] y) { inner.predict(x, y); }
    @Override public double loss(double[] x, double[] t) { return inner.loss(x, t); }

    @Override
    public double computeGradient(double[] x, double[] t) {
        return inner.computeGradient(x, t);
    }
}
