package dev.chainrule.cli;

import dev.chainrule.runtime.Dataset;
import dev.chainrule.description.Loss;
import dev.chainrule.description.NetworkSpec;
import dev.chainrule.description.SpecOverrides.Setting;
import dev.chainrule.sweep.LocalSweep;
import dev.chainrule.sweep.SweepInput;
import dev.chainrule.sweep.SweepRunner;
import dev.chainrule.sweep.SweepTable;
import dev.chainrule.sweep.Trial;
import dev.chainrule.sweep.TrialResult;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code chainrule sweep}: trains every combination of {@code --set} values and ranks them.
 *
 * <pre>
 * chainrule sweep samples/mnist.yaml --set training.learning_rate=0.1,0.03,0.01 \
 *     --set layers[0].units=32,64,128 --results sweep.csv --save-best best.json
 *
 * rank  trial  training.learning_rate  layers[0].units  train loss  train acc  test loss  test acc
 *    1      5  0.03                    128              0.043652      99.51%   0.142331    95.85%
 * </pre>
 *
 * <p>Each combination is the description with those values, validated like the file itself
 * (a bad key or value is a one-line error naming the {@code --set}, exit 2, before anything
 * trains). Trials run on local threads, one per thread; {@code --spark MASTER} runs a Spark task
 * per trial when {@code chainrule-spark} and Spark are on the class path (for example through
 * {@code spark-submit}). Every trial is deterministic, so both give the same table.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Train every combination of --set values and rank them.")
final class SweepCommand implements Callable<Integer> {

    @Mixin
    NetworkDescription description;

    @Option(names = "--data", paramLabel = "TRAIN",
            description = "Training data: a CSV file or IMAGES,LABELS (IDX files)."
                    + " Default: the description's training set.")
    String data;

    @Option(names = "--test", paramLabel = "TEST",
            description = "Test data that ranks the trials. Default: the description's test"
                    + " set, if any (without one, trials are ranked by training loss).")
    String test;

    @Option(names = "--set", paramLabel = "KEY=V1,V2,...", required = true,
            description = "A description key and the values to try, e.g."
                    + " training.learning_rate=0.1,0.03 or layers[0].units=32,64. Repeatable:"
                    + " every combination is trained.")
    List<String> sets;

    @Option(names = "--results", paramLabel = "F.csv", description = "Write the table as CSV.")
    Path results;

    @Option(names = "--save-best", paramLabel = "W.json",
            description = "Save the best trial's weights as JSON.")
    Path saveBest;

    @Option(names = "--threads", paramLabel = "N",
            description = "Trials trained at once on local threads. Default: every processor.")
    Integer threads;

    @Option(names = "--spark", paramLabel = "MASTER",
            description = "Run one Spark task per trial (local[4], spark://..., yarn; 'submit'"
                    + " keeps spark-submit's master). Needs chainrule-spark and Spark.")
    String spark;

    @Mixin
    WrittenFiles written;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Path file = description.file;
        if (!(description.parse() instanceof NetworkSpec base)) {
            throw new UserError(file + ": sweep takes layer descriptions; a graph description's"
                    + " settings cannot be swept yet");
        }
        List<String> keys = new ArrayList<>();
        List<List<Setting>> choices = new ArrayList<>();
        for (String set : sets) {
            Setting whole = Setting.parse(set);
            if (keys.contains(whole.key())) {
                throw new UserError("chainrule sweep: --set " + whole.key()
                        + " is given twice; list its values once, separated by commas");
            }
            keys.add(whole.key());
            List<Setting> values = new ArrayList<>();
            for (String value : whole.value().split(",", -1)) {
                if (value.isBlank()) {
                    throw new UserError("chainrule sweep: --set " + set + ": an empty value;"
                            + " list the values to try separated by commas, like "
                            + whole.key() + "=0.1,0.03");
                }
                values.add(new Setting(whole.key(), value.strip()));
            }
            choices.add(values);
        }
        List<Trial> trials = Trial.combinations(choices);
        String text = base.source().text(); // the text the parser read: one read, one version
        Path directory = base.source().baseDirectory();
        SweepInput shape = new SweepInput(text, file.toString(), directory.toString(),
                null, null, null, null, null, null);
        for (Trial trial : trials) {    // every combination is valid before anything trains
            NetworkSpec variant = shape.spec(trial);
            if (variant.inputSize() != base.inputSize()
                    || variant.outputSize() != base.outputSize()) {
                throw new UserError("chainrule sweep: " + trial.settings() + " changes the"
                        + " network's input or output width; every trial trains on the same"
                        + " data");
            }
        }
        RunFiles files = new RunFiles().input("the description", file).data(base, data, test);
        files.checkOutput(results);
        files.checkOutput(saveBest);
        Dataset train = DataSources.training(base, data);
        Dataset testSet = DataSources.test(base, test);
        SweepInput input = new SweepInput(text, file.toString(), directory.toString(),
                train.source(), train.inputs(), train.targets(),
                testSet == null ? null : testSet.source(),
                testSet == null ? null : testSet.inputs(),
                testSet == null ? null : testSet.targets());
        List<TrialResult> outcome = spark == null
                ? LocalSweep.run(input, trials, threads == null
                        ? Runtime.getRuntime().availableProcessors()
                        : Counts.atLeastOne("chainrule sweep", "--threads", threads))
                : sparkRunner().run(input, trials, spark);
        SweepTable table = new SweepTable(keys, outcome,
                base.loss() == Loss.SOFTMAX_CROSS_ENTROPY, testSet != null);
        PrintWriter out = spec.commandLine().getOut();
        out.print(table.format());
        if (results != null) {
            OutputFiles.write(results, table.csv().getBytes(StandardCharsets.UTF_8));
            written.wrote(out, results, "results");
        }
        PrintWriter err = spec.commandLine().getErr();
        for (TrialResult result : outcome) {
            if (result.isDiverged()) {
                // trials are counted from 1 in messages, as in the table
                err.println("chainrule sweep: trial " + (result.trial().index() + 1) + " ("
                        + result.trial().settings().stream().map(Setting::toString)
                                .collect(java.util.stream.Collectors.joining(", "))
                        + "): " + result.divergence());
            }
        }
        if (table.ranked().get(0).isDiverged()) {
            err.println("chainrule sweep: every trial diverged" + (saveBest != null
                    ? "; no weights to save in " + saveBest : ""));
            return TrainCommand.EXIT_DIVERGED;
        }
        if (saveBest != null) {
            OutputFiles.write(saveBest,
                    table.ranked().get(0).weightsJson().getBytes(StandardCharsets.UTF_8));
            written.wrote(out, saveBest, "weights of the best trial");
        }
        out.flush();
        return Main.EXIT_OK;
    }

    /** The runner a jar on the class path provides (chainrule-spark's), or a usage error. */
    private static SweepRunner sparkRunner() {
        Iterator<SweepRunner> runners = ServiceLoader.load(SweepRunner.class).iterator();
        Set<String> problems = new LinkedHashSet<>();
        while (true) {
            try {
                if (!runners.hasNext()) {
                    break;
                }
                return runners.next();
            } catch (java.util.ServiceConfigurationError | LinkageError e) {
                problems.add(String.valueOf(e.getMessage()));
            }
        }
        throw new UserError("chainrule sweep: --spark needs chainrule-spark and Spark on the"
                + " class path; run the same command through spark-submit --class"
                + " dev.chainrule.cli.Main chainrule-spark-<version>-submit.jar sweep ..."
                + " --spark submit" + (problems.isEmpty() ? "" : " (" + problems + ")"));
    }
}
