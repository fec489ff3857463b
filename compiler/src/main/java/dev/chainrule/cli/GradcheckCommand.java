package dev.chainrule.cli;

import dev.chainrule.runtime.Dataset;
import dev.chainrule.runtime.Network;
import dev.chainrule.runtime.Numbers;
import dev.chainrule.description.Description;
import dev.chainrule.description.Precision;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code chainrule gradcheck}: compiles a network in double precision and compares its
 * generated gradient with central finite differences of its loss (see {@link GradientCheck}).
 *
 * <pre>
 * chainrule gradcheck samples/iris.yaml
 * hidden.weight  [8x4]          32 entries  max rel error 1.81e-08  ok
 * hidden.bias    [8]             8 entries  max rel error 1.88e-09  ok
 * output.weight  [3x8]          24 entries  max rel error 3.57e-08  ok
 * output.bias    [3]             3 entries  max rel error 3.77e-10  ok
 * gradient check passed: 4 parameters on 3 samples, worst 3.57e-08 (tolerance 1e-05)
 *
 * chainrule gradcheck samples/iris.yaml --data samples/data/iris.csv --samples 10
 * chainrule gradcheck samples/mnist.yaml --entries 0      # every weight, not 1000 per tensor
 * </pre>
 *
 * <p>Samples are the first rows of {@code --data}, or random inputs in [0, 1) with random
 * targets (one-hot for a classifier) drawn from the seed. Exit status 1 if any parameter's
 * error is over the tolerance.
 */
@Command(name = "gradcheck", mixinStandardHelpOptions = true,
        description = "Check the generated gradient against finite differences.")
final class GradcheckCommand implements Callable<Integer> {

    @Mixin
    NetworkDescription description;

    @Option(names = "--data", paramLabel = "X",
            description = "Take samples from this data (CSV, or IMAGES,LABELS). Default: random.")
    String data;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "3",
            description = "Samples to check on. Default: ${DEFAULT-VALUE}.")
    int samples;

    @Option(names = "--entries", paramLabel = "M", defaultValue = "1000",
            description = "Check at most M entries of each parameter, spread evenly"
                    + " (0: all). Default: ${DEFAULT-VALUE}.")
    int entries;

    @Option(names = "--seed", paramLabel = "S",
            description = "Seed of the weights and random samples. Default: the description's.")
    Long seed;

    @Mixin
    RunBackend run;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Counts.atLeastOne("chainrule gradcheck", "--samples", samples);
        if (entries < 0) {
            throw new UserError("chainrule gradcheck: --entries must be 0 (all) or more, got "
                    + entries);
        }
        Description network = description.parse().withPrecision(Precision.DOUBLE);
        long s = seed != null ? seed : network.training().seed();
        double[][][] rows = samples(network, s);
        Network net = Networks.initialized(network, run.backend, s);
        List<GradientCheck.Result> results = GradientCheck.check(net, rows[0], rows[1], entries);
        return report(results, rows[0].length, spec.commandLine().getOut());
    }

    private double[][][] samples(Description network, long s) {
        if (data == null) {
            return GradientCheck.randomSamples(Networks.inputWidth(network),
                    Networks.targetWidth(network), Networks.classifier(network), samples, s);
        }
        Dataset set = DataSources.load(network, DataSources.parseFlag("--data", data));
        int n = Math.min(samples, set.size());
        return new double[][][] {Arrays.copyOf(set.inputs(), n), Arrays.copyOf(set.targets(), n)};
    }

    private static int report(List<GradientCheck.Result> results, int sampleCount,
                              PrintWriter out) {
        int nameWidth = results.stream().mapToInt(r -> r.parameter().length()).max().orElse(0);
        double worst = 0;
        int failed = 0;
        for (GradientCheck.Result r : results) {
            String shape = Arrays.stream(r.shape()).mapToObj(Integer::toString)
                    .reduce((a, b) -> a + "x" + b).orElse("");
            int size = Arrays.stream(r.shape()).reduce(1, (a, b) -> a * b);
            String entries = r.checked() == size ? r.checked() + " entries"
                    : r.checked() + " of " + size + " entries";
            out.printf(Locale.ROOT,
                    "%-" + nameWidth + "s  %-10s %12s  max rel error %.2e  %s%n",
                    r.parameter(), "[" + shape + "]", entries, r.maxRelativeError(),
                    r.passed() ? "ok" : "FAILED at entry " + r.entry() + " of sample "
                            + r.sample() + ": analytic " + Numbers.readable(r.analytic())
                            + ", numeric " + Numbers.readable(r.numeric()));
            worst = Math.max(worst, r.maxRelativeError());
            if (!r.passed()) {
                failed++;
            }
        }
        out.printf(Locale.ROOT, "gradient check %s: %d parameters on %d samples, worst %.2e"
                        + " (tolerance %.0e)%n", failed == 0 ? "passed" : "FAILED",
                results.size(), sampleCount, worst, GradientCheck.TOLERANCE);
        out.flush();
        return failed == 0 ? Main.EXIT_OK : Main.EXIT_CHECK_FAILED;
    }
}
