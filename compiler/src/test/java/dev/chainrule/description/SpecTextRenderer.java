package dev.chainrule.description;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Test helper: writes a {@link NetworkSpec} back as YAML or JSON, leaving out every value that
 * equals its default so parsing must fill the defaults back in. Data paths are written relative
 * to {@code baseDirectory}.
 */
final class SpecTextRenderer {

    private SpecTextRenderer() {}

    static String yaml(NetworkSpec spec, Path baseDirectory) {
        StringBuilder out = new StringBuilder();
        out.append("# rendered by SpecTextRenderer\n");
        out.append("name: ").append(spec.name()).append('\n');
        if (!spec.packageName().isEmpty()) {
            out.append("package: ").append(spec.packageName()).append('\n');
        }
        if (spec.precision() != Precision.FLOAT) {
            out.append("precision: ").append(spec.precision().spelling()).append('\n');
        }
        out.append("input: ").append(spec.inputSize()).append('\n');
        out.append("layers:\n");
        for (int i = 0; i < spec.layers().size(); i++) {
            LayerSpec layer = spec.layers().get(i);
            String dash = "  - ";
            if (!layer.name().equals(LayerSpec.defaultName(i))) {
                out.append(dash).append("name: ").append(layer.name()).append('\n');
                dash = "    ";
            }
            out.append(dash).append("units: ").append(layer.units()).append('\n');
            out.append("    activation: ").append(layer.activation().spelling()).append('\n');
            if (!layer.bias()) {
                out.append("    bias: false\n");
            }
        }
        out.append("loss: ").append(spec.loss().spelling()).append('\n');
        List<String> training = trainingEntries(spec.training());
        if (!training.isEmpty()) {
            out.append("training:\n");
            training.forEach(entry -> out.append("  ").append(entry).append('\n'));
        }
        if (spec.data() != null) {
            out.append("data:\n");
            appendYamlSource(out, "train", spec.data().train(), baseDirectory);
            appendYamlSource(out, "test", spec.data().test(), baseDirectory);
        }
        if (!spec.init().isEmpty()) {
            out.append("init:\n");
            spec.init().forEach((name, values) ->
                    out.append("  ").append(name).append(": ").append(array(values)).append('\n'));
        }
        return out.toString();
    }

    static String json(NetworkSpec spec, Path baseDirectory) {
        List<String> top = new ArrayList<>();
        top.add("\"name\": \"" + spec.name() + "\"");
        if (!spec.packageName().isEmpty()) {
            top.add("\"package\": \"" + spec.packageName() + "\"");
        }
        if (spec.precision() != Precision.FLOAT) {
            top.add("\"precision\": \"" + spec.precision().spelling() + "\"");
        }
        top.add("\"input\": " + spec.inputSize());
        List<String> layers = new ArrayList<>();
        for (int i = 0; i < spec.layers().size(); i++) {
            LayerSpec layer = spec.layers().get(i);
            List<String> keys = new ArrayList<>();
            if (!layer.name().equals(LayerSpec.defaultName(i))) {
                keys.add("\"name\": \"" + layer.name() + "\"");
            }
            keys.add("\"units\": " + layer.units());
            keys.add("\"activation\": \"" + layer.activation().spelling() + "\"");
            if (!layer.bias()) {
                keys.add("\"bias\": false");
            }
            layers.add("{" + String.join(", ", keys) + "}");
        }
        top.add("\"layers\": [\n    " + String.join(",\n    ", layers) + "]");
        top.add("\"loss\": \"" + spec.loss().spelling() + "\"");
        List<String> training = trainingEntries(spec.training()).stream()
                .map(entry -> "\"" + entry.replaceFirst(": ", "\": ")).toList();
        if (!training.isEmpty()) {
            top.add("\"training\": {" + String.join(", ", training) + "}");
        }
        if (spec.data() != null) {
            List<String> data = new ArrayList<>();
            if (spec.data().train() != null) {
                data.add("\"train\": " + jsonSource(spec.data().train(), baseDirectory));
            }
            if (spec.data().test() != null) {
                data.add("\"test\": " + jsonSource(spec.data().test(), baseDirectory));
            }
            top.add("\"data\": {" + String.join(", ", data) + "}");
        }
        if (!spec.init().isEmpty()) {
            List<String> init = new ArrayList<>();
            spec.init().forEach((name, values) -> init.add("\"" + name + "\": " + array(values)));
            top.add("\"init\": {\n    " + String.join(",\n    ", init) + "}");
        }
        return "{\n  " + String.join(",\n  ", top) + "\n}\n";
    }

    private static List<String> trainingEntries(TrainingSpec training) {
        TrainingSpec defaults = TrainingSpec.DEFAULTS;
        List<String> entries = new ArrayList<>();
        if (training.learningRate() != defaults.learningRate()) {
            entries.add("learning_rate: " + number(training.learningRate()));
        }
        if (training.batchSize() != defaults.batchSize()) {
            entries.add("batch_size: " + training.batchSize());
        }
        if (training.epochs() != defaults.epochs()) {
            entries.add("epochs: " + training.epochs());
        }
        if (training.shuffle() != defaults.shuffle()) {
            entries.add("shuffle: " + training.shuffle());
        }
        if (training.seed() != defaults.seed()) {
            entries.add("seed: " + training.seed());
        }
        return entries;
    }

    private static void appendYamlSource(StringBuilder out, String key, DataSource source,
            Path baseDirectory) {
        if (source instanceof DataSource.Csv csv) {
            out.append("  ").append(key).append(": ")
                    .append(relative(csv.file(), baseDirectory)).append('\n');
        } else if (source instanceof DataSource.Idx idx) {
            out.append("  ").append(key).append(":\n")
                    .append("    images: ").append(relative(idx.images(), baseDirectory))
                    .append("\n    labels: ").append(relative(idx.labels(), baseDirectory))
                    .append('\n');
        }
    }

    private static String jsonSource(DataSource source, Path baseDirectory) {
        if (source instanceof DataSource.Idx idx) {
            return "{\"images\": \"" + relative(idx.images(), baseDirectory)
                    + "\", \"labels\": \"" + relative(idx.labels(), baseDirectory) + "\"}";
        }
        return "\"" + relative(((DataSource.Csv) source).file(), baseDirectory) + "\"";
    }

    private static String relative(Path file, Path baseDirectory) {
        return baseDirectory.relativize(file).toString();
    }

    /** Flow-style list (valid YAML and JSON): {@code [[1.0, 2.0], [3.0, 4.0]]} or {@code [1.0]}. */
    private static String array(InitialValues values) {
        int[] shape = values.shape();
        double[] flat = values.values();
        if (shape.length == 1) {
            return row(flat, 0, shape[0]);
        }
        List<String> rows = new ArrayList<>();
        for (int o = 0; o < shape[0]; o++) {
            rows.add(row(flat, o * shape[1], shape[1]));
        }
        return "[" + String.join(", ", rows) + "]";
    }

    private static String row(double[] flat, int from, int length) {
        List<String> numbers = new ArrayList<>();
        for (int i = from; i < from + length; i++) {
            numbers.add(number(flat[i]));
        }
        return "[" + String.join(", ", numbers) + "]";
    }

    /** Whole numbers as integers (exercising integer-to-double reading), others exactly. */
    private static String number(double value) {
        boolean negativeZero = Double.doubleToRawLongBits(value) == Long.MIN_VALUE;
        if (value == Math.rint(value) && Math.abs(value) < 1e15 && !negativeZero) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }
}
