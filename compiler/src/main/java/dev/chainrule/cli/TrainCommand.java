package dev.chainrule.cli;

import dev.chainrule.runtime.Dataset;
import dev.chainrule.runtime.EpochListener;
import dev.chainrule.runtime.EpochResult;
import dev.chainrule.runtime.Network;
import dev.chainrule.runtime.Training;
import dev.chainrule.spec.Description;
import dev.chainrule.spec.TrainingSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code chainrule train}: compiles a description in process and trains it with SGD, one line
 * per epoch on stdout.
 *
 * <pre>
 * chainrule train samples/mnist.yaml
 * chainrule train samples/iris.yaml --epochs 50 --lr 0.02 --save-weights iris.json
 * chainrule train net.yaml --data train.csv --test test.csv --batch 32 --seed 7
 * chainrule train net.yaml --data train-images.gz,train-labels.gz
 *
 * epoch 1/5  loss 0.312456  train acc 91.23%  test acc 92.10%  48,210 samples/s
 * </pre>
 *
 * <p>Flags override the description's {@code training} and {@code data} sections. Starting
 * values: drawn from the seed, then the description's {@code init} values, then
 * {@code --init-weights}. Accuracies are shown for classifiers (softmax cross-entropy), test
 * figures only with a test set. On a terminal, a progress bar runs on stderr.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Compile a network in process and train it.")
final class TrainCommand implements Callable<Integer> {

    @Mixin
    NetworkDescription description;

    @Option(names = "--data", paramLabel = "TRAIN",
            description = "Training data: a CSV file or IMAGES,LABELS (IDX files)."
                    + " Default: the description's training set.")
    String data;

    @Option(names = "--test", paramLabel = "TEST",
            description = "Test data, evaluated after every epoch. Default: the description's"
                    + " test set, if any.")
    String test;

    @Option(names = "--epochs", paramLabel = "N", description = "Passes over the training data.")
    Integer epochs;

    @Option(names = {"--lr", "--learning-rate"}, paramLabel = "L", description = "Learning rate.")
    Double learningRate;

    @Option(names = {"--batch", "--batch-size"}, paramLabel = "B",
            description = "Samples per SGD step.")
    Integer batchSize;

    @Option(names = "--seed", paramLabel = "S",
            description = "Seed of the initial weights and the shuffling.")
    Long seed;

    @Option(names = "--shuffle", negatable = true,
            description = "Shuffle the samples every epoch (--no-shuffle: keep file order).")
    Boolean shuffle;

    @Option(names = "--init-weights", paramLabel = "W.json",
            description = "Start from these weights (e.g. saved by --save-weights).")
    Path initWeights;

    @Option(names = "--save-weights", paramLabel = "W.json",
            description = "Save the trained weights as JSON.")
    Path saveWeights;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads that train a minibatch (never changes the results)."
                    + " Default: every available processor.")
    Integer threads;

    @Option(names = "--every", paramLabel = "N", defaultValue = "1",
            description = "Print every N-th epoch (and the last). Default: ${DEFAULT-VALUE}.")
    int every;

    @Mixin
    RunBackend run;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        atLeastOne("--every", every);
        Description network = description.parse();
        TrainingSpec settings = settings(network.training());
        network = network.withTraining(settings);
        Dataset train = DataSources.training(network, data);
        Dataset testSet = DataSources.test(network, test);
        if (train.size() == 0) {
            throw new UserError(train.source() + ": no rows to train on");
        }
        Network net = Networks.initialized(network, run.backend, settings.seed());
        if (initWeights != null) {
            Networks.loadWeights(net, initWeights);
        }
        Training training = new Training(settings.epochs(), settings.batchSize(),
                settings.learningRate(), settings.shuffle(), settings.seed(),
                threads == null ? Training.defaultThreads() : atLeastOne("--threads", threads));
        PrintWriter out = spec.commandLine().getOut();
        training.run(net, train, testSet,
                new Report(out, ProgressBar.forTerminal(spec.commandLine().getErr()), every));
        if (saveWeights != null) {
            Networks.saveWeights(net, saveWeights);
        }
        out.flush();
        return Main.EXIT_OK;
    }

    /** The description's settings with the flags on top; bad values are one-line errors. */
    private TrainingSpec settings(TrainingSpec described) {
        TrainingSpec settings = described;
        if (epochs != null) {
            settings = settings.withEpochs(atLeastOne("--epochs", epochs));
        }
        if (batchSize != null) {
            settings = settings.withBatchSize(atLeastOne("--batch", batchSize));
        }
        if (learningRate != null) {
            if (!(learningRate > 0) || learningRate.isInfinite()) {
                throw new UserError("chainrule train: --lr must be a finite number > 0, got "
                        + learningRate);
            }
            settings = settings.withLearningRate(learningRate);
        }
        if (seed != null) {
            settings = settings.withSeed(seed);
        }
        if (shuffle != null) {
            settings = settings.withShuffle(shuffle);
        }
        return settings;
    }

    private static int atLeastOne(String option, int value) {
        return Counts.atLeastOne("chainrule train", option, value);
    }

    /** One line per epoch, like {@code epoch 1/5  loss 0.312456  train acc 91.23%  ...}. */
    static String line(EpochResult result) {
        String total = Integer.toString(result.epochs());
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "epoch %"
                + total.length() + "d/%s  loss %.6f", result.epoch(), total, result.meanLoss()));
        if (!Double.isNaN(result.trainAccuracy())) {
            line.append(String.format(Locale.ROOT, "  train acc %.2f%%",
                    100 * result.trainAccuracy()));
        }
        if (!Double.isNaN(result.testAccuracy())) {
            line.append(String.format(Locale.ROOT, "  test acc %.2f%%",
                    100 * result.testAccuracy()));
        } else if (!Double.isNaN(result.testLoss())) {
            line.append(String.format(Locale.ROOT, "  test loss %.6f", result.testLoss()));
        }
        line.append(String.format(Locale.ROOT, "  %,.0f samples/s", result.samplesPerSecond()));
        return line.toString();
    }

    /** Prints the epoch lines, and keeps the progress bar between them. */
    private record Report(PrintWriter out, ProgressBar bar, int every) implements EpochListener {

        @Override
        public void progress(int epoch, int samplesDone, int samples) {
            bar.show("epoch " + epoch, samplesDone, samples);
        }

        @Override
        public void epochFinished(EpochResult result) {
            bar.clear();
            if (result.epoch() % every == 0 || result.epoch() == result.epochs()) {
                out.println(line(result));
                out.flush();
            }
        }
    }
}
