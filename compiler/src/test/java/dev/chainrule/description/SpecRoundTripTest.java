package dev.chainrule.description;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Random valid networks written as YAML and as JSON parse back to the same model. */
class SpecRoundTripTest {

    private static final Path BASE = Path.of("/work/nets");
    private static final SpecSource NO_SOURCE = new SpecSource("generated", null, BASE, "");

    @Property(tries = 300)
    void yamlRenderingParsesBackToTheSameModel(@ForAll("networks") NetworkSpec spec) {
        String yaml = SpecTextRenderer.yaml(spec, BASE);
        assertEquals(spec, SpecParser.parse(yaml, "net.yaml", BASE), yaml);
    }

    @Property(tries = 300)
    void jsonRenderingParsesBackToTheSameModel(@ForAll("networks") NetworkSpec spec) {
        String json = SpecTextRenderer.json(spec, BASE);
        assertEquals(spec, SpecParser.parse(json, "net.json", BASE), json);
    }

    @Example
    void theRendererCoversEveryComponentOfTheModel() {
        assertEquals("name packageName precision inputSize layers loss training data init source",
                Arrays.stream(NetworkSpec.class.getRecordComponents())
                        .map(c -> c.getName()).collect(Collectors.joining(" ")));
    }

    @Provide
    Arbitrary<NetworkSpec> networks() {
        return Arbitraries.randomValue(SpecRoundTripTest::network);
    }

    private static NetworkSpec network(Random random) {
        String name = pick(random, "Net", "WorkedExample", "Mlp_2", "x", "Classifier9");
        String packageName = pick(random, "", "", "samples", "samples.nets", "a.b_c.d9");
        Precision precision = pick(random, Precision.values());
        int inputSize = 1 + random.nextInt(random.nextBoolean() ? 4 : 40);
        List<LayerSpec> layers = layers(random, inputSize);
        LayerSpec output = layers.get(layers.size() - 1);
        List<Loss> losses = new ArrayList<>(List.of(Loss.SQUARED_ERROR, Loss.MSE));
        if (output.units() >= 2 && Loss.SOFTMAX_CROSS_ENTROPY.allowsOutputActivation(
                output.activation())) {
            losses.add(Loss.SOFTMAX_CROSS_ENTROPY);
        }
        Loss loss = losses.get(random.nextInt(losses.size()));
        return new NetworkSpec(name, packageName, precision, inputSize, layers, loss,
                training(random), data(random), init(random, layers, precision), NO_SOURCE);
    }

    private static List<LayerSpec> layers(Random random, int inputSize) {
        int count = 1 + random.nextInt(4);
        List<LayerSpec> layers = new ArrayList<>();
        int fanIn = inputSize;
        for (int i = 0; i < count; i++) {
            boolean last = i == count - 1;
            int units = 1 + random.nextInt(8);
            Activation activation = pick(random, Activation.values());
            if (activation == Activation.SOFTMAX && (!last || units < 2)) {
                activation = Activation.RELU;
            }
            String name = random.nextBoolean() ? LayerSpec.defaultName(i)
                    : pick(random, "hidden", "h", "out", "Dense_") + i;
            layers.add(new LayerSpec(name, units, activation, random.nextBoolean(), fanIn));
            fanIn = units;
        }
        return layers;
    }

    private static TrainingSpec training(Random random) {
        if (random.nextInt(4) == 0) {
            return TrainingSpec.DEFAULTS;
        }
        double learningRate = pick(random, 0.01, 0.1, 1.0, 2.0, 1e-7, 123.456,
                Double.MIN_VALUE, Double.MAX_VALUE, random.nextDouble() + 1e-9);
        return new TrainingSpec(learningRate, 1 + random.nextInt(256),
                1 + random.nextInt(1000), random.nextBoolean(),
                random.nextBoolean() ? random.nextLong() : random.nextInt(100));
    }

    private static DataSpec data(Random random) {
        if (random.nextBoolean()) {
            return null;
        }
        DataSource train = random.nextBoolean() ? source(random, "train") : null;
        DataSource test = random.nextBoolean() ? source(random, "test") : null;
        return new DataSpec(train, test);
    }

    private static DataSource source(Random random, String stem) {
        String directory = pick(random, "", "data/", "../shared/data/", "/srv/data/");
        if (random.nextBoolean()) {
            return new DataSource.Csv(BASE.resolve(directory + stem + ".csv").normalize());
        }
        return new DataSource.Idx(BASE.resolve(directory + stem + "-images.idx").normalize(),
                BASE.resolve(directory + stem + "-labels.idx").normalize());
    }

    private static Map<String, InitialValues> init(Random random, List<LayerSpec> layers,
                                                   Precision precision) {
        Map<String, InitialValues> init = new LinkedHashMap<>();
        for (LayerSpec layer : layers) {
            for (ParameterSpec parameter : layer.parameters()) {
                if (random.nextInt(3) == 0) {
                    double[] values = new double[(int) parameter.size()];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = value(random, precision);
                    }
                    init.put(parameter.name(), new InitialValues(parameter.shape(), values));
                }
            }
        }
        return init;
    }

    /** Any value the precision holds: a float network's init values must fit a float. */
    private static double value(Random random, Precision precision) {
        return switch (random.nextInt(6)) {
            case 0 -> random.nextGaussian();
            case 1 -> random.nextInt(7) - 3;
            case 2 -> precision == Precision.DOUBLE
                    ? pick(random, -0.0, 0.0, Double.MIN_VALUE, -Double.MAX_VALUE, 1e-300, 1e300)
                    : pick(random, -0.0, 0.0, Double.MIN_VALUE, (double) -Float.MAX_VALUE,
                            1e-300, 3.4028235e38);
            default -> (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(20) - 10);
        };
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... choices) {
        return choices[random.nextInt(choices.length)];
    }
}
