package dev.chainrule.description;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.description.SpecOverrides.Setting;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpecOverridesTest {

    private static final String NET = """
            name: Net
            input: 2
            layers:
              - {units: 3, activation: tanh}
              - {units: 1, activation: identity}
            loss: mse
            training: {learning_rate: 0.1}
            """;

    private static NetworkSpec parse(String... settings) {
        return SpecOverrides.parse(NET, "net.yaml", null,
                List.of(settings).stream().map(Setting::parse).toList());
    }

    private static String error(String... settings) {
        return assertThrows(SpecException.class, () -> parse(settings)).getMessage();
    }

    @Test
    void replacesValuesInMappingsAndListItems() {
        NetworkSpec spec = parse("training.learning_rate=0.03", "layers[0].units=64",
                "layers[0].activation=relu");
        assertEquals(0.03, spec.training().learningRate());
        assertEquals(64, spec.layers().get(0).units());
        assertEquals("relu", spec.layers().get(0).activation().spelling());
    }

    @Test
    void addsKeysTheFileLeavesOutAndWholeSections() {
        assertEquals(7, parse("training.epochs=7").training().epochs());
        String noTraining = NET.replace("training: {learning_rate: 0.1}\n", "");
        NetworkSpec spec = SpecOverrides.parse(noTraining, "net.yaml", null,
                List.of(Setting.parse("training.batch_size=16")));
        assertEquals(16, spec.training().batchSize());
    }

    @Test
    void withoutSettingsItIsTheParser() {
        assertEquals(SpecParser.parse(NET, "net.yaml", null), parse());
    }

    @Test
    void problemsAreLocatedAtTheSettingOrTheNodeItRunsInto() {
        assertEquals("net.yaml: --set training.lerning_rate=1: unknown key 'lerning_rate' in"
                + " training (did you mean 'learning_rate'?)", error("training.lerning_rate=1"));
        assertEquals("net.yaml:4:3: --set layers[2].units=4: layers has 2 items, no index 2",
                error("layers[2].units=4"));
        assertEquals("net.yaml:2:8: --set input.x=1: input is 2, not a mapping with key 'x'",
                error("input.x=1"));
        assertEquals("net.yaml:1:1: --set blocks[0].units=1: no list 'blocks' at top level to"
                + " index", error("blocks[0].units=1"));
        assertEquals("net.yaml: --set layers[0].units=-1: layers[0].units: must be at least 1,"
                + " got -1", error("layers[0].units=-1"));
        assertEquals("net.yaml: --set layers]=1: bad key path 'layers]' (expected keys and list"
                + " indices, like layers[0].units)", error("layers]=1"));
    }
}
