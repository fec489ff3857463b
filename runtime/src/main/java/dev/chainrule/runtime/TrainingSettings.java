package dev.chainrule.runtime;

import java.util.Locale;
import java.util.Map;

/**
 * A description's {@code training:} section as a generated class carries it: one JSON object
 * keyed as the description spells it, every key present, in the constant
 * {@value #FIELD} of the generated class. {@link Training#from(Network)} reads it back, so an
 * embedding program trains with the settings the description names unless it overrides them:
 *
 * <pre>{@code
 * {"learning_rate": 0.01, "batch_size": 8, "epochs": 200, "shuffle": true, "seed": 42,
 *  "optimizer": {"type": "adam", "betas": [0.9, 0.999], "eps": 1.0E-8, "weight_decay": 0.0,
 *  "amsgrad": false}, "schedule": {"type": "constant"}, "gradient_clip": 0.0,
 *  "validation_split": 0.0, "early_stopping": null}
 * }</pre>
 *
 * Numbers are written with {@link Double#toString}, which reads back to the same double.
 */
public final class TrainingSettings {

    /** The public static String constant of a generated class that holds its settings. */
    public static final String FIELD = "CHAINRULE_TRAINING";

    /** Seeds beyond 2^53 do not survive a JSON number read as a double: they go as strings. */
    private static final long EXACT_DOUBLE_LIMIT = 1L << 53;

    private TrainingSettings() {
    }

    /** The JSON form of {@code training}'s settings; threads and files are not part of it. */
    public static String toJson(Training training) {
        StringBuilder s = new StringBuilder("{");
        s.append("\"learning_rate\": ").append(training.learningRate());
        s.append(", \"batch_size\": ").append(training.batchSize());
        s.append(", \"epochs\": ").append(training.epochs());
        s.append(", \"shuffle\": ").append(training.shuffle());
        long seed = training.seed();
        s.append(", \"seed\": ").append(Math.abs(seed) <= EXACT_DOUBLE_LIMIT
                ? Long.toString(seed) : "\"" + seed + "\"");
        Optimizer o = training.optimizer();
        s.append(", \"optimizer\": {\"type\": \"").append(o.type().spelling()).append('"');
        if (o.type() == Optimizer.Type.SGD) {
            s.append(", \"momentum\": ").append(o.momentum())
                    .append(", \"dampening\": ").append(o.dampening())
                    .append(", \"nesterov\": ").append(o.nesterov());
        } else {
            s.append(", \"betas\": [").append(o.beta1()).append(", ").append(o.beta2())
                    .append("], \"eps\": ").append(o.eps())
                    .append(", \"amsgrad\": ").append(o.amsgrad());
        }
        s.append(", \"weight_decay\": ").append(o.weightDecay()).append('}');
        Schedule schedule = training.schedule();
        s.append(", \"schedule\": {\"type\": \"").append(schedule.type().spelling()).append('"');
        switch (schedule.type()) {
            case STEP:
                s.append(", \"step_size\": ").append(schedule.period())
                        .append(", \"gamma\": ").append(schedule.gamma());
                break;
            case EXPONENTIAL:
                s.append(", \"gamma\": ").append(schedule.gamma());
                break;
            case COSINE:
                s.append(", \"t_max\": ").append(schedule.period())
                        .append(", \"eta_min\": ").append(schedule.etaMin());
                break;
            default:
                break;
        }
        s.append('}');
        s.append(", \"gradient_clip\": ").append(training.gradientClip());
        s.append(", \"validation_split\": ").append(training.validationSplit());
        EarlyStopping stopping = training.earlyStopping();
        s.append(", \"early_stopping\": ").append(stopping == null ? "null"
                : String.format(Locale.ROOT, "{\"patience\": %d, \"min_delta\": %s,"
                        + " \"restore_best\": %b}", stopping.patience(), stopping.minDelta(),
                        stopping.restoreBest()));
        return s.append('}').toString();
    }

    /** A builder holding the settings in {@code generated}'s {@value #FIELD} constant. */
    static Training.Builder of(Class<?> generated) {
        String settings;
        try {
            settings = (String) generated.getField(FIELD).get(null);
        } catch (NoSuchFieldException | IllegalAccessException | ClassCastException
                 | NullPointerException e) {
            throw new IllegalArgumentException(generated.getName() + " has no " + FIELD
                    + " constant: it was not generated from a description, so it has no"
                    + " training settings to start from");
        }
        return fromJson(settings, generated.getName());
    }

    /**
     * A builder holding the settings {@link #toJson} wrote.
     *
     * @param source names the text in error messages, such as the class it came from
     * @throws IllegalArgumentException if the text is not such settings
     */
    public static Training.Builder fromJson(String json, String source) {
        Object value;
        try {
            value = new JsonReader(json, source).readValue();
        } catch (DataException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        Map<?, ?> m = object(source, "training settings", value);
        Training.Builder b = Training.builder()
                .learningRate(number(source, m, "learning_rate"))
                .batchSize((int) number(source, m, "batch_size"))
                .epochs((int) number(source, m, "epochs"))
                .shuffle(Boolean.TRUE.equals(m.get("shuffle")))
                .seed(m.get("seed") instanceof String ? Long.parseLong((String) m.get("seed"))
                        : (long) number(source, m, "seed"))
                .gradientClip(number(source, m, "gradient_clip"))
                .validationSplit(number(source, m, "validation_split"));
        Map<?, ?> o = object(source, "optimizer", m.get("optimizer"));
        Optimizer optimizer;
        String type = String.valueOf(o.get("type"));
        if (type.equals("sgd")) {
            optimizer = Optimizer.sgd().withMomentum(number(source, o, "momentum"))
                    .withDampening(number(source, o, "dampening"))
                    .withNesterov(Boolean.TRUE.equals(o.get("nesterov")));
        } else {
            Object betas = o.get("betas");
            if (!(betas instanceof java.util.List) || ((java.util.List<?>) betas).size() != 2) {
                throw new IllegalArgumentException(source + ": optimizer.betas: expected two"
                        + " numbers");
            }
            java.util.List<?> pair = (java.util.List<?>) betas;
            optimizer = Optimizer.of(type.equals("adam") ? Optimizer.Type.ADAM
                            : Optimizer.Type.ADAMW)
                    .withBetas((Double) pair.get(0), (Double) pair.get(1))
                    .withEps(number(source, o, "eps"))
                    .withAmsgrad(Boolean.TRUE.equals(o.get("amsgrad")));
        }
        b.optimizer(optimizer.withWeightDecay(number(source, o, "weight_decay")));
        Map<?, ?> s = object(source, "schedule", m.get("schedule"));
        String kind = String.valueOf(s.get("type"));
        b.schedule(kind.equals("step")
                ? Schedule.step((int) number(source, s, "step_size"), number(source, s, "gamma"))
                : kind.equals("exponential") ? Schedule.exponential(number(source, s, "gamma"))
                : kind.equals("cosine") ? Schedule.cosine((int) number(source, s, "t_max"),
                        number(source, s, "eta_min"))
                : Schedule.constant());
        if (m.get("early_stopping") != null) {
            Map<?, ?> e = object(source, "early_stopping", m.get("early_stopping"));
            b.earlyStopping(EarlyStopping.patience((int) number(source, e, "patience"))
                    .withMinDelta(number(source, e, "min_delta"))
                    .withRestoreBest(Boolean.TRUE.equals(e.get("restore_best"))));
        }
        return b;
    }

    private static Map<?, ?> object(String source, String key, Object value) {
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException(source + ": " + key + ": expected a JSON object");
        }
        return (Map<?, ?>) value;
    }

    private static double number(String source, Map<?, ?> m, String key) {
        Object value = m.get(key);
        if (!(value instanceof Double)) {
            throw new IllegalArgumentException(source + ": " + key + ": expected a number");
        }
        return (Double) value;
    }
}
