package dev.chainrule.cli;

import dev.chainrule.runtime.Dataset;
import dev.chainrule.runtime.Evaluation;
import dev.chainrule.runtime.Network;
import dev.chainrule.runtime.Numbers;
import dev.chainrule.description.Description;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code chainrule evaluate}: measures trained weights on a data set with targets, without
 * training: the mean loss, and for a classifier the accuracy and the confusion matrix.
 *
 * <pre>
 * chainrule evaluate samples/iris.yaml --weights iris.json --data samples/data/iris.csv
 * loss 0.0940772 on 150 rows of samples/data/iris.csv
 * accuracy 98.00% (147 of 150)
 * confusion matrix (rows: true class, columns: predicted class)
 *         0   1   2
 *    0   50   0   0
 *    1    0  48   2
 *    2    0   1  49
 * </pre>
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Measure trained weights on a data set: loss, and for classifiers"
                + " accuracy and the confusion matrix.")
final class EvaluateCommand implements Callable<Integer> {

    @Mixin
    NetworkDescription description;

    @Mixin
    TrainedWeights weights;

    @Option(names = "--data", paramLabel = "TEST",
            description = "Rows with targets: a CSV file ('-' for stdin) or IMAGES,LABELS (IDX"
                    + " files). Default: the description's test set, else its training set.")
    String data;

    @Option(names = "--report", paramLabel = "R.html",
            description = "Also write the figures and the confusion matrix as an HTML page.")
    Path report;

    @Mixin
    RunBackend run;

    @Mixin
    WrittenFiles written;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Description network = description.parse();
        Dataset rows = data != null ? DataSources.load(network, DataSources.parseFlag("--data",
                data)) : DataSources.test(network, null);
        if (rows == null) {
            rows = DataSources.training(network, null);
        }
        Network net = Networks.withWeights(network, run.backend, weights.file, "evaluate");
        double loss = Evaluation.meanLoss(net, rows);
        PrintWriter out = spec.commandLine().getOut();
        out.println("loss " + Numbers.readable(loss) + " on " + rows.size() + " rows of "
                + rows.source());
        double accuracy = Double.NaN;
        if (net.classifier()) {
            long[][] counts = Evaluation.confusion(net, rows);
            long right = 0;
            for (int c = 0; c < counts.length; c++) {
                right += counts[c][c];
            }
            accuracy = rows.size() == 0 ? Double.NaN : (double) right / rows.size();
            out.println(String.format(Locale.ROOT, "accuracy %.2f%% (%d of %d)",
                    100 * accuracy, right, rows.size()));
            out.print(confusionText(counts));
        }
        if (report != null) {
            OutputFiles.write(report, HtmlReport.renderEvaluation(net, rows, loss, accuracy,
                    HtmlReport.commandLine(spec)).getBytes(StandardCharsets.UTF_8));
            written.wrote(out, report, "report");
        }
        out.flush();
        return Main.EXIT_OK;
    }

    /** Rows are true classes, columns predicted ones, right-aligned in one width. */
    static String confusionText(long[][] counts) {
        int width = Integer.toString(counts.length - 1).length();
        for (long[] row : counts) {
            for (long n : row) {
                width = Math.max(width, Long.toString(n).length());
            }
        }
        String cell = "%" + (width + 2) + "s";
        StringBuilder s = new StringBuilder(
                "confusion matrix (rows: true class, columns: predicted class)\n");
        s.append(String.format(Locale.ROOT, cell, ""));
        for (int c = 0; c < counts.length; c++) {
            s.append(String.format(Locale.ROOT, cell, c));
        }
        s.append('\n');
        for (int t = 0; t < counts.length; t++) {
            s.append(String.format(Locale.ROOT, cell, t));
            for (long n : counts[t]) {
                s.append(String.format(Locale.ROOT, cell, n));
            }
            s.append('\n');
        }
        return s.toString();
    }
}
