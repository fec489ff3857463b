package dev.chainrule.cli;

import dev.chainrule.runtime.Evaluation;
import dev.chainrule.runtime.Network;
import dev.chainrule.runtime.Numbers;
import dev.chainrule.description.Description;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code chainrule predict}: runs a trained network over input rows and prints one row of
 * outputs per input row on stdout, and nothing else there.
 *
 * <pre>
 * chainrule train samples/iris.yaml --save-weights iris.json
 * chainrule predict samples/iris.yaml --weights iris.json --data samples/data/iris.csv
 * 0.9812345,0.0187,0.000012
 * chainrule predict samples/iris.yaml --weights iris.json --input 5.1,3.5,1.4,0.2 --format csv
 * y0,y1,y2,class
 * 0.9812345,0.0187,0.000012,0
 * </pre>
 *
 * <p>A row's first {@code input} values are the inputs; further columns (targets, ids) are
 * ignored. A classifier (softmax cross-entropy) prints class probabilities. Numbers are printed
 * so that they read back exactly in the network's precision, as plain decimals
 * ({@link Numbers#exact}).
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Print the outputs of a trained network, one row per input row.")
final class PredictCommand implements Callable<Integer> {

    /** How rows are printed. */
    enum Format { PLAIN, CSV, JSON }

    @Mixin
    NetworkDescription description;

    @Mixin
    TrainedWeights weights;

    @Option(names = "--data", paramLabel = "X",
            description = "Input rows: a CSV file (extra columns ignored; '-' for stdin) or an"
                    + " IDX image file.")
    String data;

    @Option(names = "--input", paramLabel = "X1,X2,...", split = ",",
            description = "One sample's inputs instead of --data, e.g. --input 5.1,3.5,1.4,0.2.")
    double[] input;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "plain",
            description = "plain (the default: bare rows of numbers), csv (a header, and a"
                    + " class column for classifiers) or json (one object per row).")
    Format format;

    @Mixin
    RunBackend run;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Description network = description.parse();
        GraphParams.checkPredicts(network);
        double[][] inputs = inputs(network);
        Network net = Networks.withWeights(network, run.backend, weights.file, "predict");
        PrintWriter out = spec.commandLine().getOut();
        double[] y = new double[net.outputSize()];
        boolean classes = net.classifier();
        if (format == Format.CSV) {
            StringBuilder header = new StringBuilder();
            for (int k = 0; k < y.length; k++) {
                header.append(k > 0 ? "," : "").append('y').append(k);
            }
            out.println(header.append(classes ? ",class" : ""));
        } else if (format == Format.JSON) {
            out.println("[");
        }
        StringBuilder row = new StringBuilder();
        for (int r = 0; r < inputs.length; r++) {
            net.predict(inputs[r], y);
            row.setLength(0);
            if (format == Format.JSON) {
                row.append("{\"y\": [");
            }
            for (int k = 0; k < y.length; k++) {
                row.append(k > 0 ? (format == Format.JSON ? ", " : ",") : "")
                        .append(format == Format.JSON && !Double.isFinite(y[k]) ? "null"
                                : format(y[k], net.doublePrecision()));
            }
            if (format == Format.JSON) {
                row.append(']').append(classes ? ", \"class\": " + Evaluation.argmax(y) : "")
                        .append(r + 1 < inputs.length ? "}," : "}");
            } else if (format == Format.CSV && classes) {
                row.append(',').append(Evaluation.argmax(y));
            }
            out.println(row);
        }
        if (format == Format.JSON) {
            out.println("]");
        }
        out.flush();
        return Main.EXIT_OK;
    }

    /** The rows {@code --data} names, or the one {@code --input} gives. */
    private double[][] inputs(Description network) {
        if ((data == null) == (input == null)) {
            throw new UserError("chainrule predict: give the inputs with --data FILE (or - for"
                    + " stdin) or with --input X1,X2,..., " + (data == null ? "not neither"
                    : "not both"));
        }
        if (data != null) {
            return DataSources.inputs(network, data);
        }
        int width = Networks.inputWidth(network);
        if (input.length != width) {
            throw new UserError("chainrule predict: --input: expected " + width + " numbers, got "
                    + input.length);
        }
        return new double[][] {input};
    }

    /**
     * The shortest text that reads back as the same value in the network's precision, in one
     * format (plain decimals, never E notation; nan and inf spelled out).
     */
    static String format(double value, boolean doublePrecision) {
        return Numbers.exact(value, doublePrecision);
    }
}
