package dev.chainrule.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The JSON a generated class carries its training settings in, and {@link Training#from}. */
class TrainingSettingsTest {

    /** Stands for a generated class: the runtime reads nothing but the constant. */
    static final class Described extends TinyNet {
        public static final String CHAINRULE_TRAINING = TrainingSettings.toJson(everySetting());
    }

    static Training everySetting() {
        return Training.builder().epochs(200).batchSize(8).learningRate(0.003).shuffle(true)
                .seed(-7).optimizer(Optimizer.adamw().withAmsgrad(true).withBetas(0.8, 0.99))
                .schedule(Schedule.step(5, 0.5)).gradientClip(1.5).validationSplit(0.2)
                .earlyStopping(EarlyStopping.patience(4).withMinDelta(0.01)).threads(1).build();
    }

    @Test
    void writesEveryKeyAsTheDescriptionSpellsIt() {
        assertEquals("{\"learning_rate\": 0.01, \"batch_size\": 1, \"epochs\": 1,"
                + " \"shuffle\": false, \"seed\": 42, \"optimizer\": {\"type\": \"sgd\","
                + " \"momentum\": 0.0, \"dampening\": 0.0, \"nesterov\": false,"
                + " \"weight_decay\": 0.0}, \"schedule\": {\"type\": \"constant\"},"
                + " \"gradient_clip\": 0.0, \"validation_split\": 0.0, \"early_stopping\": null}",
                TrainingSettings.toJson(Training.builder().build()));
    }

    @Test
    void readsBackEverySetting() {
        Training t = everySetting();
        Training back = TrainingSettings.fromJson(TrainingSettings.toJson(t), "test")
                .threads(1).build();
        assertEquals(t.toString(), back.toString());
        assertEquals(t.resumableSettings(), back.resumableSettings());
        for (Schedule s : new Schedule[] {Schedule.exponential(0.9), Schedule.cosine(20, 1e-4)}) {
            Training withSchedule = Training.builder().schedule(s)
                    .optimizer(Optimizer.sgd().withMomentum(0.9).withNesterov(true)).build();
            assertEquals(withSchedule.resumableSettings(), TrainingSettings.fromJson(
                    TrainingSettings.toJson(withSchedule), "test").build().resumableSettings());
        }
        long big = Long.MAX_VALUE - 1;  // beyond a double's exact integers: written as a string
        assertEquals(big, TrainingSettings.fromJson(TrainingSettings.toJson(
                Training.builder().seed(big).build()), "test").build().seed());
    }

    @Test
    void fromStartsAtTheClassesSettings() {
        Training t = Training.from(new Described()).threads(1).build();
        assertEquals(everySetting().toString(), t.toString());
        assertEquals(3, Training.from(new Described()).epochs(3).build().epochs());
    }

    @Test
    void fromRefusesAHandWrittenNetwork() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Training.from(new TinyNet()));
        assertEquals("dev.chainrule.runtime.TinyNet has no CHAINRULE_TRAINING"
                + " constant: it was not generated from a description, so it has no training"
                + " settings to start from", e.getMessage());
        assertEquals("test:1:2: expected a name in double quotes, got end of input",
                assertThrows(IllegalArgumentException.class,
                        () -> TrainingSettings.fromJson("{", "test")).getMessage());
    }
}
