package dev.chainrule.runtime;

import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

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
            ParameterLayout[] layouts = ((GeneratedNetwork) net).layouts();
            StringBuilder state = new StringBuilder("[");
            for (int kind = 0; kind < step.stateKinds(); kind++) {
                double[][] values = new double[layouts.length][];
                for (int p = 0; p < layouts.length; p++) {
                    values[p] = layouts[p].read(step.state(kind, p));
                }
                state.append(kind > 0 ? ", " : "").append(arrays(net.parameterNames(), values));
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

    /** Puts {@code run} (fresh, not yet started) in the state {@code file} saved. */
    static void restore(TrainingRun run, File file) {
        String name = DataFiles.displayName(file);
        Map<?, ?> json;
        Reader reader = DataFiles.openReader(file);
        try {
            Object value = new JsonReader(reader, name).readValue();
            if (!(value instanceof Map)) {
                throw new DataException(name + ": not a checkpoint (expected a JSON object)");
            }
            json = (Map<?, ?>) value;
        } finally {
            DataFiles.closeQuietly(reader);
        }
        if (!FORMAT.equals(json.get("format"))) {
            throw new DataException(name + ": not a checkpoint (format is not " + FORMAT + ")");
        }
        Network net = run.net;
        expect(name, "network names", net.name(), json.get("network"));
        expect(name, "training settings", run.settings.resumableSettings(),
                json.get("settings"));
        expect(name, "training row counts", (double) run.train.size(),
                json.get("train_rows"));
        expect(name, "validation row counts",
                (double) (run.validation == null ? 0 : run.validation.size()),
                json.get("validation_rows"));
        String[] names = net.parameterNames();
        double[][] weights = arrays(name, json.get("weights"), net);
        for (int p = 0; p < names.length; p++) {
            net.setParameter(names[p], weights[p]);
        }
        run.epochsDone = (int) number(name, json.get("epochs_done"));
        run.rate = Double.parseDouble(string(name, json.get("learning_rate")));
        run.stopped = Boolean.TRUE.equals(json.get("stopped"));
        if (run.settings.shuffle()) {
            for (int e = 0; e < run.epochsDone; e++) {
                Training.shuffle(run.order, run.rng);
            }
        }
        if (run.stepper != null) {
            OptimizerStep step = run.stepper;
            ParameterLayout[] layouts = ((GeneratedNetwork) net).layouts();
            List<?> state = (List<?>) json.get("optimizer_state");
            if (state == null || state.size() != step.stateKinds()) {
                throw new DataException(name + ": the optimizer state does not fit "
                        + run.settings.optimizer());
            }
            for (int kind = 0; kind < step.stateKinds(); kind++) {
                double[][] values = arrays(name, state.get(kind), net);
                for (int p = 0; p < layouts.length; p++) {
                    layouts[p].write(step.state(kind, p), values[p]);
                }
            }
            step.restoreSteps((long) number(name, json.get("optimizer_steps")));
        }
        EarlyStopper stopper = run.stopper;
        if (stopper != null) {
            stopper.best = Double.parseDouble(string(name, json.get("best_loss")));
            stopper.bestEpoch = (int) number(name, json.get("best_epoch"));
            stopper.wait = (int) number(name, json.get("wait"));
            if (json.get("best_weights") != null) {
                stopper.bestWeights = arrays(name, json.get("best_weights"), net);
            }
        }
        Object history = json.get("history");
        if (history instanceof List) {
            for (Object entry : (List<?>) history) {
                List<?> r = (List<?>) entry;
                double[] v = new double[9];
                for (int k = 0; k < 9; k++) {
                    v[k] = Double.parseDouble(string(name, r.get(k + 2)));
                }
                run.history.add(new EpochResult((int) number(name, r.get(0)),
                        run.settings.epochs(), v[0], v[1], v[2], v[3], v[4], (long) v[5], v[6],
                        v[7], v[8]));
            }
        }
    }

    private static void expect(String file, String what, Object expected, Object actual) {
        if (!expected.equals(actual)) {
            throw new DataException(file + ": this checkpoint was written for another run: "
                    + what + " differ (checkpoint: " + actual + "; this run: " + expected + ")");
        }
    }

    private static double number(String file, Object value) {
        if (!(value instanceof Double)) {
            throw new DataException(file + ": damaged checkpoint (expected a number, got "
                    + value + ")");
        }
        return (Double) value;
    }

    private static String string(String file, Object value) {
        if (!(value instanceof String)) {
            throw new DataException(file + ": damaged checkpoint (expected a string, got "
                    + value + ")");
        }
        return (String) value;
    }

    private static double[][] arrays(String file, Object value, Network net) {
        if (!(value instanceof Map)) {
            throw new DataException(file + ": damaged checkpoint (expected parameter arrays)");
        }
        Map<?, ?> map = (Map<?, ?>) value;
        String[] names = net.parameterNames();
        double[][] values = new double[names.length][];
        for (int p = 0; p < names.length; p++) {
            byte[] bytes = Base64.getDecoder().decode(string(file, map.get(names[p])));
            int[] shape = net.parameterShape(names[p]);
            int size = 1;
            for (int dim : shape) {
                size *= dim;
            }
            if (bytes.length != size * 8) {
                throw new DataException(file + ": " + names[p] + " holds " + bytes.length / 8
                        + " values, the network's has " + size);
            }
            ByteBuffer in = ByteBuffer.wrap(bytes);
            values[p] = new double[size];
            for (int k = 0; k < size; k++) {
                values[p][k] = in.getDouble();
            }
        }
        return values;
    }
}
