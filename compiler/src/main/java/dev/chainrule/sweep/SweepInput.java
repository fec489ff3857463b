package dev.chainrule.sweep;

import dev.chainrule.Chainrule;
import dev.chainrule.StartingValues;
import dev.chainrule.codegen.Backend;
import dev.chainrule.runtime.Dataset;
import dev.chainrule.runtime.DivergenceException;
import dev.chainrule.runtime.EpochResult;
import dev.chainrule.runtime.Network;
import dev.chainrule.runtime.WeightsJson;
import dev.chainrule.description.NetworkSpec;
import dev.chainrule.description.SpecOverrides;
import dev.chainrule.description.TrainingSpec;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything a trial trains from: the description text and the data, as plain arrays so a Spark
 * runner can broadcast it once. {@link #run} is the whole trial, the same on a local thread and
 * in a Spark task: parse with the trial's settings, compile with the bytecode backend,
 * initialize as {@code chainrule train} does, train on one thread.
 *
 * @param testInputs null without a test set
 */
public record SweepInput(String descriptionText, String displayName, String baseDirectory,
                         String trainSource, double[][] trainInputs, double[][] trainTargets,
                         String testSource, double[][] testInputs, double[][] testTargets)
        implements Serializable {

    /** The description with a trial's settings applied (throws the located SpecException). */
    public NetworkSpec spec(Trial trial) {
        return SpecOverrides.parse(descriptionText, displayName, Path.of(baseDirectory),
                trial.settings());
    }

    /** Trains one trial and measures it after its last epoch. */
    public TrialResult run(Trial trial) {
        NetworkSpec spec = spec(trial);
        TrainingSpec settings = spec.training();
        Network net = Backend.BYTECODE.instantiate(Chainrule.compile(spec).lowered());
        StartingValues.apply(net, spec, settings.seed());
        Dataset train = new Dataset(trainSource, net.inputSize(), net.outputSize(), trainInputs,
                trainTargets);
        Dataset test = testInputs == null ? null : new Dataset(testSource, net.inputSize(),
                net.outputSize(), testInputs, testTargets);
        // the description's whole training section: optimizer, schedule, clipping, validation
        List<EpochResult> history;
        try {
            history = settings.toTrainingBuilder().threads(1).build().run(net, train, test, null);
        } catch (DivergenceException e) {
            return TrialResult.diverged(trial, e.getMessage());
        }
        EpochResult last = history.get(history.size() - 1);
        return new TrialResult(trial, last.meanLoss(), last.trainAccuracy(), last.testLoss(),
                last.testAccuracy(), WeightsJson.toJson(net));
    }
}
