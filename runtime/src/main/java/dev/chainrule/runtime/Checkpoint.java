package dev.chainrule.runtime;

import java.io.File;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Everything a {@link TrainingRun} needs to continue after its last completed epoch, as one
 * JSON file: the weights, the optimizer's step count and state arrays, the learning rate the
 * next epoch uses, the number of epochs done (the shuffle generator is replayed that many
 * epochs: its state is a function of the seed and the draws), the early-stopping state with the
 * best weights, and the history. Arrays are Base64 of big-endian IEEE doubles in row-major
 * {@code [out][in]} order, so every value reads back bit for bit; scalars that may be infinite
 * are strings in {@link Double#toString} form.
 *
 * <p>{@link #write} replaces the file through {@link OutputFile}: a temporary file of its own,
 * synced, renamed over the file, so a crash (even SIGKILL) leaves either the old or the new
 * checkpoint, never half of one, and two runs sharing the path never mix their files. A checkpoint holds no data: continuing needs the same data and
 * settings (checked: row counts and every setting but the epochs and threads).
 */
final class Checkpoint {

    static final String FORMAT = "chainrule-checkpoint/1";

    private Checkpoint() {
    }

    static void write(TrainingRun run, File file) {
        StringBuilder s = new StringBuilder("{\n");
        Network net = run.net;
        field(s, "format", quote(FORMAT));
        field(s, "network", quote(net.name()));
        if (run.settings.descriptionFingerprint() != null) {
            field(s, "description", quote(run.settings.descriptionFingerprint()));
        }
        field(s, "settings", quote(run.settings.resumableSettings()));
        field(s, "train_rows", Integer.toString(run.train.size()));
        field(s, "validation_rows",
                Integer.toString(run.validation == null ? 0 : run.validation.size()));
        field(s, "epochs_done", Integer.toString(run.epochsDone));
        field(s, "learning_rate", quote(Double.toString(run.rate)));
        field(s, "stopped", Boolean.toString(run.stopped));
        field(s, "weights", arrays(net.parameterNames(), EarlyStopper.read(net)));
        if (run.stepper != null) {
            OptimizerStep step = run.stepper;
            StringBuilder state = new StringBuilder("[");
            double[][][] values = step.readState();
            for (int kind = 0; kind < values.length; kind++) {
                state.append(kind > 0 ? ", " : "").append(arrays(net.parameterNames(),
                        values[kind]));
            }
            field(s, "optimizer_steps", Long.toString(step.steps()));
            field(s, "optimizer_state", state.append(']').toString());
        }
        EarlyStopper stopper = run.stopper;
        if (stopper != null) {
            field(s, "best_loss", quote(Double.toString(stopper.best)));
            field(s, "best_epoch", Integer.toString(stopper.bestEpoch));
            field(s, "wait", Integer.toString(stopper.wait));
            if (stopper.bestWeights != null) {
                field(s, "best_weights", arrays(net.parameterNames(), stopper.bestWeights));
            }
        }
        StringBuilder history = new StringBuilder("[");
        for (EpochResult r : run.history) {
            history.append(history.length() > 1 ? ",\n    " : "\n    ").append('[')
                    .append(r.epoch()).append(", ").append(r.epochs());
            double[] values = {r.meanLoss(), r.trainAccuracy(), r.testLoss(), r.testAccuracy(),
                r.samplesPerSecond(), r.elapsedNanos(), r.learningRate(), r.validationLoss(),
                r.validationAccuracy()};
            for (double value : values) {
                history.append(", ").append(quote(Double.toString(value)));
            }
            history.append(']');
        }
        s.append("  \"history\": ").append(history.append("]")).append("\n}\n");
        replace(file, s.toString());
    }

    private static void field(StringBuilder s, String name, String value) {
        s.append("  ").append(quote(name)).append(": ").append(value).append(",\n");
    }

    private static String quote(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static String arrays(String[] names, double[][] values) {
        StringBuilder s = new StringBuilder("{");
        for (int p = 0; p < names.length; p++) {
            ByteBuffer bytes = ByteBuffer.allocate(values[p].length * 8);
            for (double value : values[p]) {
                bytes.putDouble(value);
            }
            s.append(p > 0 ? ", " : "").append(quote(names[p])).append(": ")
                    .append(quote(Base64.getEncoder().encodeToString(bytes.array())));
        }
        return s.append('}').toString();
    }

    /** Replaces {@code file} with {@code text}, all or nothing (see {@link OutputFile}). */
    static void replace(File file, String text) {
        OutputFile.write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Puts {@code run} (fresh, not yet started) in the state {@code file} saved, after checking
     * every field (see {@link CheckpointFields}) and that it was written for this run: the same
     * network and description fingerprint, settings and row counts.
     */
    static void restore(TrainingRun run, File file) {
        CheckpointFields c = CheckpointFields.read(file);
        if (!FORMAT.equals(c.has("format") ? c.value("format") : null)) {
            throw new DataException(c.file() + ": not a checkpoint (format is not " + FORMAT
                    + ")");
        }
        Network net = run.net;
        expect(c, "network", "network names", net.name(), c.string("network"));
        String fingerprint = run.settings.descriptionFingerprint();
        if (fingerprint != null && c.has("description")
                && !fingerprint.equals(c.string("description"))) {
            throw c.error("description", "description", "this checkpoint was written for"
                    + " another description (its layers, activations, loss, precision or graph"
                    + " differ from this one's)");
        }
        expect(c, "settings", "training settings", run.settings.resumableSettings(),
                c.string("settings"));
        expect(c, "train_rows", "training row counts", (long) run.train.size(),
                c.whole("train_rows", 0, Integer.MAX_VALUE));
        expect(c, "validation_rows", "validation row counts",
                (long) (run.validation == null ? 0 : run.validation.size()),
                c.whole("validation_rows", 0, Integer.MAX_VALUE));
        int epochsDone = (int) c.whole("epochs_done", 0, Integer.MAX_VALUE);
        double rate = c.numberString("learning_rate");
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw c.error("learning_rate", "learning_rate", "expected a finite rate >= 0, got "
                    + rate);
        }
        boolean stopped = c.bool("stopped");
        double[][] weights = c.arrays("weights", "weights", c.value("weights"), net);
        List<EpochResult> history = history(c, epochsDone, run.settings.epochs());
        OptimizerStep step = run.stepper;
        double[][][] state = null;
        long steps = 0;
        if (step != null) {
            List<?> kinds = c.list("optimizer_state", "optimizer_state",
                    c.value("optimizer_state"));
            if (kinds.size() != step.stateKinds()) {
                throw c.error("optimizer_state", "optimizer_state", "holds " + kinds.size()
                        + " kinds of state; " + run.settings.optimizer() + " keeps "
                        + step.stateKinds());
            }
            state = new double[kinds.size()][][];
            for (int kind = 0; kind < kinds.size(); kind++) {
                state[kind] = c.arrays("optimizer_state", "optimizer_state[" + kind + "]",
                        kinds.get(kind), net);
            }
            steps = c.whole("optimizer_steps", 0, Long.MAX_VALUE / 2);
        }
        EarlyStopper stopper = run.stopper;
        double bestLoss = 0;
        int bestEpoch = 0;
        int wait = 0;
        double[][] bestWeights = null;
        if (stopper != null) {
            bestLoss = c.numberString("best_loss");
            if (Double.isNaN(bestLoss)) {
                throw c.error("best_loss", "best_loss", "expected a loss or \"Infinity\","
                        + " got NaN");
            }
            bestEpoch = (int) c.whole("best_epoch", 0, epochsDone);
            wait = (int) c.whole("wait", 0, epochsDone);
            if (c.has("best_weights")) {
                bestWeights = c.arrays("best_weights", "best_weights", c.value("best_weights"),
                        net);
            }
        }
        // Everything checked: only now does the run change.
        String[] names = net.parameterNames();
        for (int p = 0; p < names.length; p++) {
            net.setParameter(names[p], weights[p]);
        }
        run.epochsDone = epochsDone;
        run.rate = rate;
        run.stopped = stopped;
        if (run.settings.shuffle()) {
            for (int e = 0; e < epochsDone; e++) {
                ShuffleOrder.shuffle(run.order, run.rng);
            }
        }
        if (step != null) {
            step.restore(state, steps);
        }
        if (stopper != null) {
            stopper.best = bestLoss;
            stopper.bestEpoch = bestEpoch;
            stopper.wait = wait;
            stopper.bestWeights = bestWeights;
        }
        run.history.addAll(history);
    }

    /** One entry per epoch done: [epoch, epochs, then nine numbers in strings]. */
    private static List<EpochResult> history(CheckpointFields c, int epochsDone, int epochs) {
        List<?> entries = c.list("history", "history", c.value("history"));
        if (entries.size() != epochsDone) {
            throw c.error("history", "history", "has entries for " + entries.size() + " epochs,"
                    + " but epochs_done is " + epochsDone);
        }
        List<EpochResult> history = new ArrayList<>();
        for (int e = 0; e < entries.size(); e++) {
            String at = "history[" + e + "]";
            List<?> r = c.list("history", at, entries.get(e));
            if (r.size() != 11) {
                throw c.error("history", at, "expected 11 entries (epoch, epochs and nine"
                        + " figures), got " + r.size());
            }
            c.whole("history", at + "[0]", r.get(0), e + 1, e + 1);
            c.whole("history", at + "[1]", r.get(1), 1, Integer.MAX_VALUE);
            double[] v = new double[9];
            for (int k = 0; k < 9; k++) {
                v[k] = c.numberString("history", at + "[" + (k + 2) + "]", r.get(k + 2));
            }
            history.add(new EpochResult(e + 1, epochs, v[0], v[1], v[2], v[3], v[4],
                    (long) v[5], v[6], v[7], v[8]));
        }
        return history;
    }

    private static void expect(CheckpointFields c, String key, String what, Object expected,
                               Object actual) {
        if (!expected.equals(actual)) {
            throw c.error(key, key, "this checkpoint was written for another run: " + what
                    + " differ (checkpoint: " + actual + "; this run: " + expected + ")");
        }
    }
}
