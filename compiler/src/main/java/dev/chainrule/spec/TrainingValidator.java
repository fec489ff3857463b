package dev.chainrule.spec;

import java.util.List;

/** Checks the {@code training} section and builds its {@link TrainingSpec}. */
final class TrainingValidator {

    static final List<String> KEYS =
            List.of("learning_rate", "batch_size", "epochs", "shuffle", "seed");

    private TrainingValidator() {}

    static TrainingSpec validate(SpecNode node, String path) {
        MapReader training = MapReader.of(node, path, "a mapping of training settings", KEYS);
        TrainingSpec defaults = TrainingSpec.DEFAULTS;
        double learningRate = training.optional("learning_rate")
                .map(value -> learningRate(value, training.path("learning_rate")))
                .orElse(defaults.learningRate());
        int batchSize = training.optional("batch_size")
                .map(value -> ScalarReader.intAtLeast(value, training.path("batch_size"), 1))
                .orElse(defaults.batchSize());
        int epochs = training.optional("epochs")
                .map(value -> ScalarReader.intAtLeast(value, training.path("epochs"), 1))
                .orElse(defaults.epochs());
        boolean shuffle = training.optional("shuffle")
                .map(value -> ScalarReader.bool(value, training.path("shuffle")))
                .orElse(defaults.shuffle());
        long seed = training.optional("seed")
                .map(value -> ScalarReader.integer(value, training.path("seed")))
                .orElse(defaults.seed());
        return new TrainingSpec(learningRate, batchSize, epochs, shuffle, seed);
    }

    private static double learningRate(SpecNode node, String path) {
        double rate = ScalarReader.number(node, path);
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw SpecException.at(node.position(), path,
                    "must be a finite number > 0, got " + Messages.describe(node));
        }
        return rate;
    }
}
