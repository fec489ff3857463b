package dev.chainrule.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.Chainrule;
import dev.chainrule.codegen.Backend;
import dev.chainrule.loops.LoweredClass;
import dev.chainrule.runtime.Network;
import dev.chainrule.runtime.Training;
import dev.chainrule.description.Description;
import dev.chainrule.description.Descriptions;
import dev.chainrule.description.TrainingSpec;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A generated class carries its description's {@code training:} section, and
 * {@code Training.from(net)} starts from it: on both backends, for both forms of description.
 */
class DescribedTrainingTest {

    private static final String TRAINING = """
            training:
              learning_rate: 0.003
              batch_size: 8
              epochs: 200
              shuffle: true
              seed: 7
              optimizer: {type: adam, betas: [0.8, 0.99], amsgrad: true}
              schedule: {type: cosine, t_max: 200, eta_min: 0.0001}
              gradient_clip: {max_norm: 1.5}
              validation_split: 0.2
              early_stopping: {patience: 10, min_delta: 0.001}
            """;

    private static final String LAYERS = """
            name: Described
            input: 4
            layers:
              - {units: 3, activation: softmax}
            loss: softmax_cross_entropy
            """;

    private static final String GRAPH = """
            name: DescribedGraph
            inputs: {x: [2]}
            targets: {t: []}
            params: {w: {shape: [2], init: zeros}}
            graph:
              y: w @ x
              obj: squared_error(y, t)
            output: y
            loss: obj
            """;

    private static Description parse(String text) {
        return Descriptions.parse(text, "described.yaml", Path.of("."));
    }

    private static String trainedFrom(Backend backend, Description spec) {
        LoweredClass lowered = Chainrule.compile(spec).lowered();
        Network net = backend.instantiate(lowered);
        return Training.from(net).threads(1).build().toString();
    }

    @Test
    void bothBackendsCarryTheTrainingSectionOfBothForms() {
        for (String form : new String[] {LAYERS, GRAPH}) {
            Description spec = parse(form + TRAINING);
            String expected = spec.training().toTrainingBuilder().threads(1).build().toString();
            assertEquals("epochs=200 batchSize=8 learningRate=0.003 shuffle=true seed=7"
                    + " threads=1 optimizer=adam(betas=(0.8, 0.99), eps=1.0E-8,"
                    + " weight_decay=0.0, amsgrad=true) schedule=cosine(t_max=200,"
                    + " eta_min=1.0E-4) gradientClip=1.5 validationSplit=0.2"
                    + " early_stopping(patience=10, min_delta=0.001, restore_best=true)",
                    expected);
            for (Backend backend : Backend.values()) {
                assertEquals(expected, trainedFrom(backend, spec), backend + " " + form);
            }
        }
    }

    @Test
    void withoutATrainingSectionTheClassStartsFromTheBuildersDefaults() {
        String builderDefaults = Training.builder().threads(1).build().toString();
        assertEquals(builderDefaults,
                TrainingSpec.DEFAULTS.toTrainingBuilder().threads(1).build().toString());
        for (Backend backend : Backend.values()) {
            assertEquals(builderDefaults, trainedFrom(backend, parse(LAYERS)));
            assertEquals(builderDefaults, trainedFrom(backend, parse(GRAPH)));
        }
    }
}
