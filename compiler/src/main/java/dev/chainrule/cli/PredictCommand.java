package dev.chainrule.cli;

import dev.chainrule.runtime.Network;
import dev.chainrule.spec.Description;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code chainrule predict}: runs a trained network over input rows and prints one CSV row of
 * outputs per input row on stdout, and nothing else there.
 *
 * <pre>
 * chainrule train samples/iris.yaml --save-weights iris.json
 * chainrule predict samples/iris.yaml --weights iris.json --data samples/data/iris.csv
 * 0.9812345,0.0187,1.2E-5
 * </pre>
 *
 * <p>A row's first {@code input} values are the inputs; further columns (targets, ids) are
 * ignored. A classifier (softmax cross-entropy) prints class probabilities. Numbers are printed
 * so that they read back exactly: {@code Double.toString}, or {@code Float.toString} for a
 * float network.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Print the outputs of a trained network, one CSV row per input row.")
final class PredictCommand implements Callable<Integer> {

    @Mixin
    NetworkDescription description;

    @Option(names = "--weights", paramLabel = "W.json",
            description = "Trained weights (from train --save-weights). Required unless every"
                    + " param has values: an ONNX model's initializers, a graph's 'weights:'.")
    Path weights;

    @Option(names = "--data", paramLabel = "X", required = true,
            description = "Input rows: a CSV file (extra columns ignored) or an IDX image file.")
    String data;

    @Mixin
    RunBackend run;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Description network = description.parse();
        GraphParams.checkPredicts(network);
        double[][] inputs = DataSources.inputs(network, data);
        Network net = Networks.withWeights(network, run.backend, weights, "predict");
        PrintWriter out = spec.commandLine().getOut();
        double[] y = new double[net.outputSize()];
        StringBuilder row = new StringBuilder();
        for (double[] x : inputs) {
            net.predict(x, y);
            row.setLength(0);
            for (int k = 0; k < y.length; k++) {
                if (k > 0) {
                    row.append(',');
                }
                row.append(format(y[k], net.doublePrecision()));
            }
            out.println(row);
        }
        out.flush();
        return Main.EXIT_OK;
    }

    /** The shortest text that reads back as the same value in the network's precision. */
    static String format(double value, boolean doublePrecision) {
        return doublePrecision ? Double.toString(value) : Float.toString((float) value);
    }
}
