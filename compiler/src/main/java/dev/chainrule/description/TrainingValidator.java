package dev.chainrule.description;

import dev.chainrule.runtime.EarlyStopping;
import dev.chainrule.runtime.Optimizer;
import dev.chainrule.runtime.Schedule;
import dev.chainrule.description.SpecNode.Entry;
import dev.chainrule.description.SpecNode.ListNode;
import dev.chainrule.description.SpecNode.MapNode;
import dev.chainrule.description.SpecNode.ScalarNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a {@code training} section and builds its {@link TrainingSpec}: the one reader of that
 * section, for layer and graph descriptions alike ({@link #validate}).
 */
final class TrainingValidator {

    static final List<String> KEYS = List.of("learning_rate", "batch_size", "epochs", "shuffle",
            "seed", "optimizer", "schedule", "gradient_clip", "validation_split",
            "early_stopping");

    /** The keys of each optimizer's mapping form. */
    private static final Map<Optimizer.Type, List<String>> OPTIMIZER_KEYS = Map.of(
            Optimizer.Type.SGD, List.of("type", "momentum", "dampening", "nesterov",
                    "weight_decay"),
            Optimizer.Type.ADAM, List.of("type", "betas", "eps", "weight_decay", "amsgrad"),
            Optimizer.Type.ADAMW, List.of("type", "betas", "eps", "weight_decay", "amsgrad"));

    private static final Map<Schedule.Type, List<String>> SCHEDULE_KEYS = Map.of(
            Schedule.Type.CONSTANT, List.of("type"),
            Schedule.Type.STEP, List.of("type", "step_size", "gamma"),
            Schedule.Type.EXPONENTIAL, List.of("type", "gamma"),
            Schedule.Type.COSINE, List.of("type", "t_max", "eta_min"));

    private static final List<String> ALL_OPTIMIZER_KEYS = List.of("type", "momentum",
            "dampening", "nesterov", "weight_decay", "betas", "eps", "amsgrad");
    private static final List<String> ALL_SCHEDULE_KEYS = List.of("type", "step_size", "gamma",
            "t_max", "eta_min");

    private TrainingValidator() {}

    /** Reads the {@code training} mapping at {@code node}, whose key path is {@code path}. */
    static TrainingSpec validate(SpecNode node, String path) {
        MapReader training = MapReader.of(node, path, "a mapping of training settings", KEYS);
        TrainingSpec defaults = TrainingSpec.DEFAULTS;
        double learningRate = training.optional("learning_rate")
                .map(value -> positive(value, training.path("learning_rate")))
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
        Optimizer optimizer = training.optional("optimizer")
                .map(value -> optimizer(value, training.path("optimizer")))
                .orElse(Optimizer.sgd());
        Schedule schedule = training.optional("schedule")
                .map(value -> schedule(value, training.path("schedule")))
                .orElse(Schedule.constant());
        double clip = training.optional("gradient_clip")
                .map(value -> gradientClip(value, training.path("gradient_clip")))
                .orElse(0.0);
        double split = training.optional("validation_split")
                .map(value -> validationSplit(value, training.path("validation_split")))
                .orElse(0.0);
        Optional<SpecNode> stoppingNode = training.optional("early_stopping");
        EarlyStopping stopping = stoppingNode
                .map(value -> earlyStopping(value, training.path("early_stopping")))
                .orElse(null);
        if (stopping != null && split == 0) {
            throw SpecException.at(stoppingNode.get().position(),
                    training.path("early_stopping"), "needs validation_split (early stopping"
                            + " watches the validation loss)");
        }
        return new TrainingSpec(learningRate, batchSize, epochs, shuffle, seed, optimizer,
                schedule, clip, split, stopping);
    }

    /** {@code adam}, or {@code {type: adam, betas: [0.9, 0.999], ...}}. */
    private static Optimizer optimizer(SpecNode node, String path) {
        if (!(node instanceof MapNode map)) {
            return Optimizer.of(ScalarReader.choice(node, path, "optimizer",
                    Optimizer.Type.values(), Optimizer.Type::spelling));
        }
        MapReader settings = MapReader.of(node, path, "an optimizer", ALL_OPTIMIZER_KEYS);
        String typePath = settings.path("type");
        Optimizer.Type type = ScalarReader.choice(settings.required("type"), typePath,
                "optimizer", Optimizer.Type.values(), Optimizer.Type::spelling);
        onlyKeys(map, path, type.spelling(), OPTIMIZER_KEYS.get(type));
        Optimizer optimizer = Optimizer.of(type);
        Optional<SpecNode> weightDecay = settings.optional("weight_decay");
        if (weightDecay.isPresent()) {
            optimizer = optimizer.withWeightDecay(
                    atLeastZero(weightDecay.get(), settings.path("weight_decay")));
        }
        if (type == Optimizer.Type.SGD) {
            double momentum = settings.optional("momentum")
                    .map(value -> atLeastZero(value, settings.path("momentum"))).orElse(0.0);
            double dampening = settings.optional("dampening")
                    .map(value -> ScalarReader.finiteNumber(value, settings.path("dampening")))
                    .orElse(0.0);
            Optional<SpecNode> nesterovNode = settings.optional("nesterov");
            boolean nesterov = nesterovNode
                    .map(value -> ScalarReader.bool(value, settings.path("nesterov")))
                    .orElse(false);
            if (nesterov && (momentum <= 0 || dampening != 0)) {
                throw SpecException.at(nesterovNode.get().position(), settings.path("nesterov"),
                        "nesterov needs a momentum > 0 and zero dampening, got momentum "
                                + number(momentum) + " and dampening " + number(dampening));
            }
            return optimizer.withMomentum(momentum).withDampening(dampening)
                    .withNesterov(nesterov);
        }
        Optional<SpecNode> betas = settings.optional("betas");
        if (betas.isPresent()) {
            double[] values = betas(betas.get(), settings.path("betas"));
            optimizer = optimizer.withBetas(values[0], values[1]);
        }
        Optional<SpecNode> eps = settings.optional("eps");
        if (eps.isPresent()) {
            optimizer = optimizer.withEps(atLeastZero(eps.get(), settings.path("eps")));
        }
        return optimizer.withAmsgrad(settings.optional("amsgrad")
                .map(value -> ScalarReader.bool(value, settings.path("amsgrad")))
                .orElse(false));
    }

    private static double[] betas(SpecNode node, String path) {
        if (!(node instanceof ListNode list) || list.items().size() != 2) {
            throw SpecException.at(node.position(), path,
                    "expected a list of two numbers such as [0.9, 0.999], got "
                            + Messages.describe(node));
        }
        double[] values = new double[2];
        for (int k = 0; k < 2; k++) {
            SpecNode item = list.items().get(k);
            values[k] = ScalarReader.number(item, Messages.item(path, k));
            if (!(values[k] >= 0 && values[k] < 1)) {
                throw SpecException.at(item.position(), Messages.item(path, k),
                        "must be in [0, 1), got " + Messages.describe(item));
            }
        }
        return values;
    }

    /** {@code constant}, or {@code {type: step, step_size: 5, gamma: 0.5}}. */
    private static Schedule schedule(SpecNode node, String path) {
        if (!(node instanceof MapNode map)) {
            Schedule.Type type = ScalarReader.choice(node, path, "schedule",
                    Schedule.Type.values(), Schedule.Type::spelling);
            if (type == Schedule.Type.EXPONENTIAL) {
                throw SpecException.at(node.position(), path,
                        "exponential needs a gamma: {type: exponential, gamma: 0.95}");
            }
            if (type != Schedule.Type.CONSTANT) {
                throw SpecException.at(node.position(), path, type.spelling() + " needs "
                        + (type == Schedule.Type.STEP ? "a step_size: {type: step, step_size: 5,"
                        + " gamma: 0.5}" : "a t_max: {type: cosine, t_max: 20, eta_min: 0}"));
            }
            return Schedule.constant();
        }
        MapReader settings = MapReader.of(node, path, "a schedule", ALL_SCHEDULE_KEYS);
        Schedule.Type type = ScalarReader.choice(settings.required("type"),
                settings.path("type"), "schedule", Schedule.Type.values(),
                Schedule.Type::spelling);
        onlyKeys(map, path, type.spelling(), SCHEDULE_KEYS.get(type));
        switch (type) {
            case STEP:
                return Schedule.step(
                        ScalarReader.intAtLeast(settings.required("step_size"),
                                settings.path("step_size"), 1),
                        settings.optional("gamma")
                                .map(value -> atLeastZero(value, settings.path("gamma")))
                                .orElse(0.1));
            case EXPONENTIAL:
                return Schedule.exponential(
                        atLeastZero(settings.required("gamma"), settings.path("gamma")));
            case COSINE:
                return Schedule.cosine(
                        ScalarReader.intAtLeast(settings.required("t_max"),
                                settings.path("t_max"), 1),
                        settings.optional("eta_min")
                                .map(value -> atLeastZero(value, settings.path("eta_min")))
                                .orElse(0.0));
            default:
                return Schedule.constant();
        }
    }

    /** {@code {max_norm: 1.0}}. */
    private static double gradientClip(SpecNode node, String path) {
        MapReader clip = MapReader.of(node, path, "a mapping such as {max_norm: 1.0}",
                List.of("max_norm"));
        return positive(clip.required("max_norm"), clip.path("max_norm"));
    }

    private static double validationSplit(SpecNode node, String path) {
        double split = ScalarReader.number(node, path);
        if (!(split > 0 && split < 1)) {
            throw SpecException.at(node.position(), path,
                    "must be a number in (0, 1), got " + Messages.describe(node));
        }
        return split;
    }

    /** {@code {patience: 3, min_delta: 0.0, restore_best: true}}; every key optional. */
    private static EarlyStopping earlyStopping(SpecNode node, String path) {
        MapReader settings = MapReader.of(node, path,
                "a mapping such as {patience: 3, min_delta: 0.0, restore_best: true}",
                List.of("patience", "min_delta", "restore_best"));
        return EarlyStopping.patience(settings.optional("patience")
                        .map(value -> ScalarReader.intAtLeast(value, settings.path("patience"), 1))
                        .orElse(EarlyStopping.DEFAULT_PATIENCE))
                .withMinDelta(settings.optional("min_delta")
                        .map(value -> atLeastZero(value, settings.path("min_delta")))
                        .orElse(0.0))
                .withRestoreBest(settings.optional("restore_best")
                        .map(value -> ScalarReader.bool(value, settings.path("restore_best")))
                        .orElse(true));
    }

    /** Refuses a key that belongs to another type: {@code momentum is not a setting of adam}. */
    private static void onlyKeys(MapNode map, String path, String type, List<String> allowed) {
        for (Entry entry : map.entries()) {
            if (!allowed.contains(entry.key())) {
                throw SpecException.at(entry.keyPosition(), Messages.child(path, entry.key()),
                        Messages.quote(entry.key()) + " is not a setting of " + type
                                + " (its settings: " + Messages.list(allowed.subList(1,
                                allowed.size()).isEmpty() ? List.of("none")
                                : allowed.subList(1, allowed.size())) + ")");
            }
        }
    }

    private static double positive(SpecNode node, String path) {
        double value = ScalarReader.number(node, path);
        if (!(value > 0) || Double.isInfinite(value)) {
            throw SpecException.at(node.position(), path,
                    "must be a finite number > 0, got " + Messages.describe(node));
        }
        return value;
    }

    private static double atLeastZero(SpecNode node, String path) {
        double value = ScalarReader.number(node, path);
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw SpecException.at(node.position(), path,
                    "must be a finite number >= 0, got " + Messages.describe(node));
        }
        return value;
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value) : Double.toString(value);
    }
}
