package dev.chainrule.description;

import static dev.chainrule.description.SpecAssertions.MINIMAL;
import static dev.chainrule.description.SpecAssertions.assertJsonError;
import static dev.chainrule.description.SpecAssertions.assertYamlError;
import static dev.chainrule.description.SpecAssertions.parseYaml;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Top-level keys, layers and loss: every rule with its exact message. */
class SpecValidatorTest {

    /** {@link SpecAssertions#MINIMAL} with its two layers replaced by {@code layers}. */
    private static String withLayers(String layers) {
        return "name: Net\ninput: 2\nlayers:\n" + layers + "loss: mse\n";
    }

    @Test
    void unknownActivationSuggestsTheClosest() {
        assertYamlError("""
                name: Net
                input: 2
                layers:
                  - units: 3
                    activation: tanh
                  - units: 1
                    activation: rleu
                loss: mse
                """, "net.yaml:7:17: layers[1].activation: unknown activation 'rleu' (expected"
                + " one of identity, sigmoid, tanh, relu, softmax; did you mean 'relu'?)");
    }

    @Test
    void unknownActivationWithoutACloseOne() {
        assertYamlError(withLayers("  - {units: 1, activation: gelu_new}\n"),
                "net.yaml:4:28: layers[0].activation: unknown activation 'gelu_new' (expected"
                        + " one of identity, sigmoid, tanh, relu, softmax)");
    }

    @Test
    void activationSpellingIsCaseSensitiveButSuggested() {
        assertYamlError(withLayers("  - {units: 1, activation: ReLU}\n"),
                "net.yaml:4:28: layers[0].activation: unknown activation 'ReLU' (expected"
                        + " one of identity, sigmoid, tanh, relu, softmax; did you mean 'relu'?)");
    }

    @Test
    void unknownTopLevelKey() {
        assertYamlError(MINIMAL + "epochs: 3\n", "net.yaml:9:1: unknown key 'epochs' at top"
                + " level (expected one of name, package, precision, input, layers, loss,"
                + " training, data, init)");
        assertYamlError(MINIMAL + "los: mse\n",
                "net.yaml:9:1: unknown key 'los' at top level (did you mean 'loss'?)");
    }

    @Test
    void unknownLayerKey() {
        assertYamlError(withLayers("  - {unit: 1, activation: tanh}\n"),
                "net.yaml:4:6: unknown key 'unit' in layers[0] (did you mean 'units'?)");
    }

    @Test
    void missingRequiredKeysAreReportedAtTheEnclosingMapping() {
        assertYamlError("# a net\nname: Net\ninput: 2\nloss: mse\n",
                "net.yaml:2:1: missing required key 'layers'");
        assertYamlError("input: 2\nlayers: [{units: 1, activation: tanh}]\nloss: mse\n",
                "net.yaml:1:1: missing required key 'name'");
        assertYamlError("name: Net\nlayers: [{units: 1, activation: tanh}]\nloss: mse\n",
                "net.yaml:1:1: missing required key 'input'");
        assertYamlError("name: Net\ninput: 2\nlayers: [{units: 1, activation: tanh}]\n",
                "net.yaml:1:1: missing required key 'loss'");
        assertYamlError(withLayers("  - units: 3\n    activation: tanh\n  - activation: tanh\n"),
                "net.yaml:6:5: layers[1]: missing required key 'units'");
        assertYamlError(withLayers("  - units: 3\n"),
                "net.yaml:4:5: layers[0]: missing required key 'activation'");
    }

    @Test
    void requiredKeyWithAnEmptyValue() {
        assertYamlError("name:\ninput: 2\nlayers: [{units: 1, activation: tanh}]\nloss: mse\n",
                "net.yaml:1:6: name: expected a class name such as 'MyNet', got an empty"
                        + " value");
    }

    @Test
    void className() {
        String rest = "input: 2\nlayers: [{units: 1, activation: tanh}]\nloss: mse\n";
        assertYamlError("name: class\n" + rest,
                "net.yaml:1:7: name: 'class' is a Java keyword; choose another name");
        assertYamlError("name: 'A;System.exit(1)'\n" + rest, "net.yaml:1:7: name:"
                + " 'A;System.exit(1)' is not a valid class name (expected letters, digits and"
                + " underscores, starting with a letter)");
        assertYamlError("name: 9Lives\n" + rest, "net.yaml:1:7: name: '9Lives' is not a valid"
                + " class name (expected letters, digits and underscores, starting with a letter)");
        assertYamlError("name: ''\n" + rest, "net.yaml:1:7: name: expected a class name such as"
                + " 'MyNet', got an empty string");
        assertYamlError("name: record\n" + rest,
                "net.yaml:1:7: name: 'record' cannot name a Java class; choose another name");
        assertYamlError("name: Math\n" + rest, "net.yaml:1:7: name: 'Math' would hide"
                + " java.lang.Math in the generated code; choose another name");
        assertYamlError("name: [Net]\n" + rest,
                "net.yaml:1:7: name: expected a class name such as 'MyNet', got a list");
    }

    @Test
    void packageName() {
        assertYamlError("package: samples..nets\n" + MINIMAL, "net.yaml:1:10: package:"
                + " 'samples..nets' is not a valid package name (expected identifiers of letters,"
                + " digits and underscores separated by dots, such as 'samples.nets')");
        assertYamlError("package: samples.int\n" + MINIMAL, "net.yaml:1:10: package:"
                + " 'samples.int' is not a valid package name: 'int' is a Java keyword");
        assertYamlError("package: java.nets\n" + MINIMAL, "net.yaml:1:10: package:"
                + " 'java.nets' is reserved for the JDK; choose another package");
        assertEquals("", parseYaml("package: ''\n" + MINIMAL).packageName());
    }

    @Test
    void precision() {
        assertYamlError(MINIMAL + "precision: half\n", "net.yaml:9:12: precision: unknown"
                + " precision 'half' (expected one of float, double)");
        assertYamlError(MINIMAL + "precision: float64\n", "net.yaml:9:12: precision: unknown"
                + " precision 'float64' (expected one of float, double; did you mean 'float'?)");
        assertYamlError(MINIMAL + "precision: doubel\n", "net.yaml:9:12: precision: unknown"
                + " precision 'doubel' (expected one of float, double; did you mean 'double'?)");
    }

    @Test
    void input() {
        String layers = "layers: [{units: 1, activation: tanh}]\nloss: mse\n";
        assertYamlError("name: Net\ninput: 0\n" + layers,
                "net.yaml:2:8: input: must be at least 1, got 0");
        assertYamlError("name: Net\ninput: -4\n" + layers,
                "net.yaml:2:8: input: must be at least 1, got -4");
        assertYamlError("name: Net\ninput: 2.5\n" + layers,
                "net.yaml:2:8: input: expected an integer, got 2.5");
        assertYamlError("name: Net\ninput: '2'\n" + layers,
                "net.yaml:2:8: input: expected an integer, got string '2'");
        assertYamlError("name: Net\ninput: 2000000\n" + layers,
                "net.yaml:2:8: input: input too wide: 2000000 values (at most 1,000,000)");
        assertYamlError("name: Net\ninput: 010\n" + layers, "net.yaml:2:8: input: write"
                + " integers in plain decimal without leading zeros, got 010");
        assertYamlError("name: Net\ninput: 99999999999999999999\n" + layers,
                "net.yaml:2:8: input: integer out of range, got 99999999999999999999");
        assertYamlError("name: Net\ninput: 9999999999\n" + layers,
                "net.yaml:2:8: input: must be at most 2,147,483,647, got 9999999999");
    }

    @Test
    void layersMustBeANonEmptyList() {
        String top = "name: Net\ninput: 2\nloss: mse\n";
        assertYamlError(top + "layers: []\n",
                "net.yaml:4:9: layers: expected at least one layer, got an empty list");
        assertYamlError(top + "layers: {units: 2}\n",
                "net.yaml:4:9: layers: expected a list of layers, got a mapping");
        assertYamlError(top + "layers: [relu]\n", "net.yaml:4:10: layers[0]: expected a layer"
                + " mapping with units and activation, got string 'relu'");
    }

    @Test
    void units() {
        assertYamlError(withLayers("  - {units: 2.5, activation: tanh}\n"),
                "net.yaml:4:13: layers[0].units: expected an integer, got 2.5");
        assertYamlError(withLayers("  - {units: -3, activation: tanh}\n"),
                "net.yaml:4:13: layers[0].units: must be at least 1, got -3");
        assertYamlError(withLayers("  - {units: 70000, activation: tanh}\n"),
                "net.yaml:4:13: layers[0].units: layer too wide: 70000 units (at most 65,536)");
    }

    @Test
    void bias() {
        assertYamlError(withLayers("  - {units: 1, activation: tanh, bias: 'no'}\n"),
                "net.yaml:4:40: layers[0].bias: expected true or false, got string 'no'");
    }

    @Test
    void tooManyParametersCountedWithLongs() {
        assertYamlError("""
                name: Big
                input: 1000000
                layers:
                  - {units: 65536, activation: relu}
                  - {units: 65536, activation: relu}
                loss: mse
                """, "net.yaml:4:3: layers: network too large: 69,831,098,368 parameters"
                + " (at most 50,000,000)");
        String atTheLimit = """
                name: Big
                input: 9998
                layers: [{units: 5000, activation: relu, bias: false},
                         {units: 2, activation: identity, bias: false}]
                loss: mse
                """;
        assertEquals(NetworkSpec.MAX_PARAMETERS, parseYaml(atTheLimit).parameterCount());
        assertYamlError(atTheLimit.replace("identity, bias: false", "identity"),
                "net.yaml:3:9: layers: network too large: 50,000,002 parameters"
                        + " (at most 50,000,000)");
    }

    @Test
    void layerNames() {
        assertYamlError(withLayers("  - {name: class, units: 1, activation: tanh}\n"),
                "net.yaml:4:12: layers[0].name: 'class' is a Java keyword; choose another name");
        assertYamlError(withLayers("  - {name: 'h-1', units: 1, activation: tanh}\n"),
                "net.yaml:4:12: layers[0].name: 'h-1' is not a valid layer name (expected"
                        + " letters, digits and underscores, starting with a letter)");
        assertYamlError(withLayers("  - {name: _h, units: 1, activation: tanh}\n"),
                "net.yaml:4:12: layers[0].name: '_h' is not a valid layer name (expected"
                        + " letters, digits and underscores, starting with a letter)");
    }

    @Test
    void duplicateLayerNames() {
        assertYamlError(withLayers("""
                  - {name: hidden, units: 3, activation: tanh}
                  - {name: hidden, units: 1, activation: tanh}
                """), "net.yaml:5:12: layers[1].name: duplicate layer name 'hidden' (also"
                + " layers[0])");
    }

    @Test
    void aNameMustNotTakeAnotherLayersDefaultName() {
        assertYamlError(withLayers("""
                  - {name: layer2, units: 3, activation: tanh}
                  - {units: 1, activation: tanh}
                """), "net.yaml:4:12: layers[0].name: 'layer2' is the default name of"
                + " layers[1]; choose another name");
        assertEquals(List.of("layer1", "layer7"), parseYaml(withLayers("""
                  - {name: layer1, units: 3, activation: tanh}
                  - {name: layer7, units: 1, activation: tanh}
                """)).layers().stream().map(LayerSpec::name).toList());
    }

    @Test
    void softmaxOnlyOnTheLastLayer() {
        assertYamlError(withLayers("""
                  - {units: 3, activation: softmax}
                  - {units: 2, activation: identity}
                """), "net.yaml:4:28: layers[0].activation: softmax is only allowed on the last"
                + " layer");
        assertYamlError(withLayers("  - {units: 1, activation: softmax}\n"),
                "net.yaml:4:28: layers[0].activation: softmax needs at least 2 units, got 1"
                        + " (softmax of one value is always 1)");
    }

    @Test
    void loss() {
        String top = "name: Net\ninput: 2\nlayers: [{name: out, units: 3, activation: sigmoid}]\n";
        assertYamlError(top + "loss: cross_entropy\n", "net.yaml:4:7: loss: unknown loss"
                + " 'cross_entropy' (expected one of squared_error, mse, softmax_cross_entropy)");
        assertYamlError(top + "loss: softmax_cross_entropy\n", "net.yaml:4:7: loss:"
                + " softmax_cross_entropy needs the last layer's activation to be identity or"
                + " softmax, but layers[0] (out) uses sigmoid");
        assertYamlError(
                "name: Net\ninput: 2\nlayers: [{units: 1, activation: identity}]\n"
                        + "loss: softmax_cross_entropy\n", "net.yaml:4:7: loss:"
                        + " softmax_cross_entropy needs at least 2 output units, but layers[0]"
                        + " (layer1) has 1");
        assertEquals(Loss.SOFTMAX_CROSS_ENTROPY, parseYaml(
                "name: Net\ninput: 2\nlayers: [{units: 4, activation: identity}]\n"
                        + "loss: softmax_cross_entropy\n").loss());
    }

    @Test
    void jsonErrorsCarryJsonPositions() {
        assertJsonError("""
                {
                  "name": "Net",
                  "input": 2,
                  "layers": [{"units": 1, "activation": "rleu"}],
                  "loss": "mse"
                }
                """, "net.json:4:41: layers[0].activation: unknown activation 'rleu' (expected"
                + " one of identity, sigmoid, tanh, relu, softmax; did you mean 'relu'?)");
    }
}
