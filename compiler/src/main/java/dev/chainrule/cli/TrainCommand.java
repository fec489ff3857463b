package dev.chainrule.cli;

import dev.chainrule.Chainrule;
import dev.chainrule.runtime.BatchKernels;
import dev.chainrule.runtime.Dataset;
import dev.chainrule.runtime.DivergenceException;
import dev.chainrule.runtime.EarlyStopping;
import dev.chainrule.runtime.EpochListener;
import dev.chainrule.runtime.EpochResult;
import dev.chainrule.runtime.Numbers;
import dev.chainrule.runtime.Network;
import dev.chainrule.runtime.Training;
import dev.chainrule.description.Description;
import dev.chainrule.description.Precision;
import dev.chainrule.description.TrainingSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
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
 * chainrule train net.yaml --checkpoint run.ckpt.json --report run.html
 * chainrule train net.yaml --resume run.ckpt.json --epochs 20
 *
 * epoch 1/5  loss 0.312456  val loss 0.298765  val acc 91.80%  train acc 91.23%  test acc 92.10%  48,210 samples/s
 * </pre>
 *
 * <p>Flags override the description's {@code training} and {@code data} sections. Starting
 * values: drawn from the seed, then the description's {@code init} values, then
 * {@code --init-weights}. Accuracies are shown for classifiers (softmax cross-entropy), test
 * figures only with a test set, validation figures with a {@code validation_split}. On a
 * terminal, a progress bar runs on stderr. When training diverges (a NaN or infinite loss or
 * parameter) it stops with one line on stderr and exit status {@value #EXIT_DIVERGED}, and
 * writes no {@code --save-weights} file.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Compile a network in process and train it.")
final class TrainCommand implements Callable<Integer> {

    /** Exit status when training diverged. */
    static final int EXIT_DIVERGED = 3;

    @Mixin
    NetworkDescription description;

    @Option(names = "--loss", paramLabel = "L",
            description = "For an ONNX model: softmax_cross_entropy (on the logits before a final"
                    + " Softmax or LogSoftmax), mse or squared_error.")
    String loss;

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

    @Option(names = "--checkpoint", paramLabel = "C.json",
            description = "After every epoch, write (atomically) all that is needed to continue:"
                    + " weights, optimizer and schedule state, epoch, shuffle state,"
                    + " early-stopping state.")
    Path checkpoint;

    @Option(names = "--resume", paramLabel = "C.json",
            description = "Continue from a checkpoint up to --epochs epochs in all (give the"
                    + " same data again); keeps checkpointing into it unless --checkpoint names"
                    + " another file.")
    Path resume;

    @Option(names = "--report", paramLabel = "run.html",
            description = "Write a self-contained HTML report: loss, accuracy and learning-rate"
                    + " curves, confusion matrix, network summary, timings.")
    Path report;

    @Option(names = "--every", paramLabel = "N", defaultValue = "1",
            description = "Print every N-th epoch (and the last). Default: ${DEFAULT-VALUE}.")
    int every;

    @Mixin
    RunBackend run;

    @Mixin
    WrittenFiles written;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        atLeastOne("--every", every);
        Description network = description.parse(loss);
        TrainingSpec settings = settings(network.training());
        network = network.withTraining(settings);
        if (resume != null && initWeights != null) {
            throw new UserError("chainrule train: --init-weights and --resume both give the"
                    + " starting weights; a resumed run continues from its checkpoint's");
        }
        Path checkpointFile = checkpoint != null ? checkpoint : resume;
        RunFiles files = new RunFiles().input("the description", description.file)
                .data(network, data, test)
                .input("the starting weights (--init-weights)", initWeights)
                .input("the checkpoint this run resumes", resume);
        files.checkOutput(checkpointFile, resume);
        files.checkOutput(saveWeights);
        files.checkOutput(report);
        Dataset train = DataSources.training(network, data);
        Dataset testSet = DataSources.test(network, test);
        if (train.size() == 0) {
            throw new UserError(train.source() + ": no rows to train on");
        }
        Network net = Networks.initialized(network, run.backend, settings.seed());
        if (initWeights != null) {
            Networks.loadWeights(net, network, initWeights);
        }
        Training.Builder builder = settings.toTrainingBuilder()
                .descriptionFingerprint(Chainrule.fingerprint(network))
                .threads(threads == null ? Training.defaultThreads()
                        : atLeastOne("--threads", threads));
        if (resume != null) {
            builder.resumeFrom(DataSources.file(resume));
        }
        if (checkpointFile != null) {
            builder.checkpoint(checkpointFile.toFile());
        }
        Training training = builder.build();
        PrintWriter out = spec.commandLine().getOut();
        long start = System.nanoTime();
        // a float minibatch runs the runtime's batch kernels: its first speed says which, as bench
        String kernels = network.precision() == Precision.FLOAT && settings.batchSize() > 1
                ? " (simd: " + BatchKernels.LIVE.simd() + ")" : "";
        Report listener = new Report(out, ProgressBar.forTerminal(spec.commandLine().getErr()),
                every, kernels);
        List<EpochResult> history;
        try {
            history = training.run(net, train, testSet, listener);
        } catch (DivergenceException e) {
            out.flush();
            spec.commandLine().getErr().println(e.getMessage());
            return EXIT_DIVERGED;
        } catch (IllegalArgumentException e) {
            throw new UserError("chainrule train: " + e.getMessage(), e);
        } catch (java.io.UncheckedIOException e) {
            throw new UserError(e.getMessage(), e); // "cannot write checkpoint C.json: ..."
        }
        long nanos = System.nanoTime() - start;
        if (resume != null && listener.finished == 0) {
            out.println(nothingToTrain(history, settings.epochs()));
        }
        EarlyStopping stopping = settings.earlyStopping();
        if (stopping != null && !history.isEmpty() && listener.finished > 0
                && history.get(history.size() - 1).epoch() < settings.epochs()) {
            out.println(String.format(Locale.ROOT, "stopped early after epoch %d: no"
                    + " validation improvement for %d epochs%s", history.size(),
                    stopping.patience(), stopping.restoreBest() ? "; restored the weights of"
                    + " epoch " + bestEpoch(history, stopping.minDelta()) : ""));
        }
        if (checkpointFile != null && listener.finished > 0) { // written after each epoch
            written.wrote(out, checkpointFile, "checkpoint");
        }
        if (saveWeights != null) {
            Networks.saveWeights(net, saveWeights);
            written.wrote(out, saveWeights, "weights");
        }
        if (report != null) {
            String html = HtmlReport.render(training, net, history,
                    testSet != null ? testSet : train, nanos, HtmlReport.commandLine(spec));
            OutputFiles.write(report, html.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            written.wrote(out, report, "report");
        }
        out.flush();
        return Main.EXIT_OK;
    }

    /** The epoch early stopping kept as the best (Keras's rule over the validation losses). */
    private static int bestEpoch(List<EpochResult> history, double minDelta) {
        double best = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        for (EpochResult result : history) {
            if (result.validationLoss() < best - minDelta) {
                best = result.validationLoss();
                bestEpoch = result.epoch();
            }
        }
        return bestEpoch;
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
                + total.length() + "d/%s  loss %s", result.epoch(), total,
                Numbers.readable(result.meanLoss())));
        if (!Double.isNaN(result.validationLoss())) {
            line.append("  val loss ").append(Numbers.readable(result.validationLoss()));
        }
        if (!Double.isNaN(result.validationAccuracy())) {
            line.append(String.format(Locale.ROOT, "  val acc %.2f%%",
                    100 * result.validationAccuracy()));
        }
        if (!Double.isNaN(result.trainAccuracy())) {
            line.append(String.format(Locale.ROOT, "  train acc %.2f%%",
                    100 * result.trainAccuracy()));
        }
        if (!Double.isNaN(result.testAccuracy())) {
            line.append(String.format(Locale.ROOT, "  test acc %.2f%%",
                    100 * result.testAccuracy()));
        } else if (!Double.isNaN(result.testLoss())) {
            line.append("  test loss ").append(Numbers.readable(result.testLoss()));
        }
        line.append(String.format(Locale.ROOT, "  %,.0f samples/s", result.samplesPerSecond()));
        return line.toString();
    }

    /**
     * Resuming a run that has nothing left to do is not an error: the line says why, and the
     * command goes on (saving the checkpoint's weights if asked).
     */
    private String nothingToTrain(List<EpochResult> history, int epochs) {
        int done = history.size();
        if (done < epochs) {
            return resume + ": early stopping ended this run after epoch " + done
                    + "; nothing to train";
        }
        return resume + ": " + done + " epoch" + (done == 1 ? " is" : "s are") + " done already"
                + " (--epochs " + epochs + "); nothing to train (give --epochs above " + done
                + " to train on)";
    }

    /** Prints the epoch lines, and keeps the progress bar between them. */
    private static final class Report implements EpochListener {

        private final PrintWriter out;
        private final ProgressBar bar;
        private final int every;
        /** Appended to the first epoch line printed: which kernels run, or "". */
        private String kernels;
        /** Epochs this command trained (a resumed run counts from its checkpoint). */
        int finished;

        Report(PrintWriter out, ProgressBar bar, int every, String kernels) {
            this.out = out;
            this.bar = bar;
            this.every = every;
            this.kernels = kernels;
        }

        @Override
        public void progress(int epoch, int samplesDone, int samples) {
            bar.show("epoch " + epoch, samplesDone, samples);
        }

        @Override
        public void epochFinished(EpochResult result) {
            finished++;
            bar.clear();
            if (result.epoch() % every == 0 || result.epoch() == result.epochs()) {
                out.println(line(result) + kernels);
                kernels = "";
                out.flush();
            }
        }
    }
}
