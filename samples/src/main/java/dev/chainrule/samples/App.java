package dev.chainrule.samples;

import dev.chainrule.runtime.CsvLoader;
import dev.chainrule.runtime.Dataset;
import dev.chainrule.runtime.EarlyStopping;
import dev.chainrule.runtime.EpochResult;
import dev.chainrule.runtime.Evaluation;
import dev.chainrule.runtime.Initializer;
import dev.chainrule.runtime.Network;
import dev.chainrule.runtime.Training;
import dev.chainrule.runtime.WeightsJson;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * An app that embeds a generated trainer: {@link Iris} was generated from {@code iris.yaml} by
 * chainrule-maven-plugin during this module's build, and needs nothing at run time but
 * chainrule-runtime. The app trains it, saves the weights, loads them into a fresh instance and
 * predicts with that.
 *
 * <pre>
 * java -cp chainrule-samples.jar:chainrule-runtime.jar dev.chainrule.samples.App \
 *     samples/data/iris.csv iris.weights.json
 * </pre>
 *
 * Java 8 code, like the generated classes and the runtime.
 */
public final class App {

    private App() {
    }

    /** What a run measured. */
    static final class Result {
        final double validationAccuracy;
        final double trainedAccuracy;
        final double reloadedAccuracy;
        final boolean samePredictions;

        Result(double validationAccuracy, double trainedAccuracy, double reloadedAccuracy,
               boolean samePredictions) {
            this.validationAccuracy = validationAccuracy;
            this.trainedAccuracy = trainedAccuracy;
            this.reloadedAccuracy = reloadedAccuracy;
            this.samePredictions = samePredictions;
        }
    }

    /** {@code App [iris.csv [weights.json]]}; the defaults suit a run from {@code samples/}. */
    public static void main(String[] args) throws IOException {
        File data = new File(args.length > 0 ? args[0] : "data/iris.csv");
        File weights = new File(args.length > 1 ? args[1] : "iris.weights.json");
        Result result = run(data, weights, System.out);
        if (!result.samePredictions) {
            System.exit(1);
        }
    }

    static Result run(File data, File weights, PrintStream out) throws IOException {
        Iris net = new Iris();
        // iris.yaml's own training settings (100 epochs, lr 0.01, batch 1, shuffled, seed 42),
        // plus a validation split: it holds out the LAST 20% of the rows, and iris.csv is sorted
        // by species, so the rows are shuffled once before the split.
        Training training = Training.from(net)
                .validationSplit(0.2)
                .earlyStopping(EarlyStopping.patience(10))
                .build();
        Initializer.initialize(net, training.seed());
        Dataset flowers = CsvLoader.load(data, net.inputSize(), net.outputSize(), true)
                .shuffled(training.seed());
        out.println("Training " + net.name() + " on " + flowers.size() + " rows of " + data
                + " (" + training + ")");
        List<EpochResult> history = training.run(net, flowers, null, (EpochResult epoch) -> {
            if (epoch.epoch() % 25 == 0) {
                out.println("  " + epoch);
            }
        });
        EpochResult last = history.get(history.size() - 1);
        out.println("Last epoch " + last.epoch() + ": validation accuracy "
                + percent(last.validationAccuracy()));
        double trained = Evaluation.accuracy(net, flowers);
        out.println("Trained: accuracy " + percent(trained));

        WeightsJson.write(net, weights);
        Iris reloaded = new Iris();
        WeightsJson.read(weights).applyTo(reloaded);
        double reloadedAccuracy = Evaluation.accuracy(reloaded, flowers);
        boolean same = samePredictions(net, reloaded, flowers);
        out.println("Saved " + weights + ", loaded it into a fresh " + reloaded.name()
                + ": accuracy " + percent(reloadedAccuracy)
                + (same ? ", same predictions" : ", DIFFERENT predictions"));

        double[] probabilities = new double[reloaded.outputSize()];
        reloaded.predict(flowers.inputs()[0], probabilities);
        int species = Evaluation.argmax(probabilities);
        out.println(String.format(Locale.ROOT, "Row 1: predicted species %d (p = %.3f), labelled %d",
                species, probabilities[species], flowers.label(0)));
        return new Result(last.validationAccuracy(), trained, reloadedAccuracy, same);
    }

    private static boolean samePredictions(Network a, Network b, Dataset data) {
        double[] ya = new double[a.outputSize()];
        double[] yb = new double[b.outputSize()];
        for (double[] x : data.inputs()) {
            a.predict(x, ya);
            b.predict(x, yb);
            if (!Arrays.equals(ya, yb)) {
                return false;
            }
        }
        return true;
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }
}
