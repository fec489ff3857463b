package dev.chainrule.description;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NetworkSpecTest {

    private static final SpecSource SOURCE = new SpecSource("net.yaml", null, Path.of("/"), "x");
    private static final LayerSpec HIDDEN = new LayerSpec("hidden", 3, Activation.RELU, true, 4);
    private static final LayerSpec OUT = new LayerSpec("out", 2, Activation.SOFTMAX, false, 3);

    private static NetworkSpec network(List<LayerSpec> layers, Map<String, InitialValues> init) {
        return new NetworkSpec("Net", null, Precision.FLOAT, 4, layers,
                Loss.SOFTMAX_CROSS_ENTROPY, TrainingSpec.DEFAULTS, null, init, SOURCE);
    }

    @Test
    void listsParametersWithShapesAndInitializers() {
        NetworkSpec spec = network(List.of(HIDDEN, OUT), Map.of());
        List<ParameterSpec> parameters = spec.parameters();

        assertEquals(List.of("hidden.weight", "hidden.bias", "out.weight"),
                parameters.stream().map(ParameterSpec::name).toList());
        assertArrayEquals(new int[] {3, 4}, parameters.get(0).shape());
        assertArrayEquals(new int[] {3}, parameters.get(1).shape());
        assertArrayEquals(new int[] {2, 3}, parameters.get(2).shape());
        assertEquals(List.of(Initializer.HE_UNIFORM, Initializer.ZEROS,
                Initializer.GLOROT_UNIFORM),
                parameters.stream().map(ParameterSpec::initializer).toList());
        assertEquals(HIDDEN, parameters.get(1).layer());
        assertEquals(12 + 3 + 6, spec.parameterCount());
        assertEquals(2, spec.outputSize());
        assertEquals(OUT, spec.outputLayer());
        assertEquals("out.weight", spec.parameter("out.weight").orElseThrow().name());
        assertTrue(spec.parameter("out.bias").isEmpty());
        assertEquals("", spec.packageName());
    }

    @Test
    void countsParametersOfHugeLayersWithoutOverflow() {
        LayerSpec wide = new LayerSpec("wide", 65_536, Activation.RELU, true, 1_000_000);
        assertEquals(65_536L * 1_000_000 + 65_536, wide.parameterCount());
    }

    @Test
    void copiesWithAnotherPrecisionOrTraining() {
        NetworkSpec spec = network(List.of(HIDDEN, OUT), Map.of());
        NetworkSpec precise = spec.withPrecision(Precision.DOUBLE);
        TrainingSpec training = spec.training().withEpochs(10).withSeed(7);
        NetworkSpec longer = spec.withTraining(training);

        assertEquals(Precision.DOUBLE, precise.precision());
        assertEquals(Precision.FLOAT, spec.precision());
        assertEquals(spec.layers(), precise.layers());
        assertEquals(new TrainingSpec(0.01, 1, 10, false, 7), longer.training());
        assertEquals(spec.sha256(), longer.sha256());
        assertNotEquals(spec, longer);
    }

    @Test
    void equalityIgnoresTheSource() {
        NetworkSpec a = network(List.of(HIDDEN, OUT), Map.of());
        NetworkSpec b = new NetworkSpec(a.name(), a.packageName(), a.precision(), a.inputSize(),
                a.layers(), a.loss(), a.training(), a.data(), a.init(),
                new SpecSource("other.json", null, Path.of("/tmp"), "{}"));

        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a.sha256(), b.sha256());
    }

    @Test
    void isImmutable() {
        List<LayerSpec> layers = new java.util.ArrayList<>(List.of(HIDDEN, OUT));
        Map<String, InitialValues> init = new LinkedHashMap<>();
        NetworkSpec spec = network(layers, init);
        layers.clear();
        init.put("x", null);

        assertEquals(2, spec.layers().size());
        assertTrue(spec.init().isEmpty());
        assertThrows(UnsupportedOperationException.class, () -> spec.layers().clear());
    }

    @Test
    void checksStructuralInvariants() {
        LayerSpec wrongFanIn = new LayerSpec("out", 2, Activation.SOFTMAX, false, 5);
        assertEquals("layer out has fanIn 5 but its input is 3 wide",
                assertThrows(IllegalArgumentException.class,
                        () -> network(List.of(HIDDEN, wrongFanIn), Map.of())).getMessage());
        assertEquals("a network needs at least one layer",
                assertThrows(IllegalArgumentException.class,
                        () -> network(List.of(), Map.of())).getMessage());
        LayerSpec twin = new LayerSpec("hidden", 2, Activation.SOFTMAX, false, 3);
        assertEquals("duplicate layer name hidden",
                assertThrows(IllegalArgumentException.class,
                        () -> network(List.of(HIDDEN, twin), Map.of())).getMessage());
        Map<String, InitialValues> badShape =
                Map.of("out.weight", new InitialValues(new int[] {3, 2}, new double[6]));
        assertEquals("initial values for out.weight have shape [3, 2], expected [2, 3]",
                assertThrows(IllegalArgumentException.class,
                        () -> network(List.of(HIDDEN, OUT), badShape)).getMessage());
        Map<String, InitialValues> noSuchBias =
                Map.of("out.bias", new InitialValues(new int[] {2}, new double[2]));
        assertEquals("initial values for unknown parameter out.bias",
                assertThrows(IllegalArgumentException.class,
                        () -> network(List.of(HIDDEN, OUT), noSuchBias)).getMessage());
    }

    @Test
    void qualifiedName() {
        NetworkSpec spec = new NetworkSpec("Net", "a.b", Precision.FLOAT, 4, List.of(HIDDEN),
                Loss.MSE, TrainingSpec.DEFAULTS, null, Map.of(), SOURCE);
        assertEquals("a.b.Net", spec.qualifiedName());
    }
}
