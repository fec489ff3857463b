package dev.chainrule.description;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.Chainrule;
import dev.chainrule.codegen.Backend;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.junit.jupiter.api.Test;

/**
 * The layer form's image keys under mutation: a small conv net whose sizes, keys, layer types,
 * input shape and layer lines are changed the ways a user gets them wrong (a stride of 0, a
 * kernel wider than the padded input, {@code strides:}, a dense layer after an image without
 * flatten, pool padding above half the kernel). Each mutant either becomes a class that loads
 * or fails with one located line naming no library; nothing else may escape. The counts are
 * printed at the end.
 */
class ImageLayerFuzzTest {

    /** Every image key: 8x8 -> conv 2@8x8 -> pool 2@4x4 -> conv 3@3x2 -> avg 3@4x3 -> 36. */
    static final String CONV_NET = """
            name: Conv
            input: [1, 8, 8]
            layers:
              - {type: conv2d, filters: 2, kernel: 3, stride: 1, padding: 1, dilation: 1, activation: relu}
              - {type: max_pool2d, kernel: 2, stride: 2, padding: 0}
              - {type: conv2d, filters: 3, kernel: [2, 3], bias: false, init: glorot_uniform}
              - {type: avg_pool2d, kernel: 2, stride: 1, padding: 1}
              - {name: flat, type: flatten}
              - {units: 4, activation: softmax}
            loss: softmax_cross_entropy
            """;

    private static final Pattern VALUE = Pattern.compile(
            "(?<=\\b(?:filters|kernel|stride|padding|dilation): )(\\[[^\\]]*\\]|-?[0-9]+)");
    private static final Pattern KEY = Pattern.compile(
            "\\b(filters|kernel|stride|padding|dilation|bias|units|type)(?=: )");
    private static final Pattern TYPE = Pattern.compile("(?<=type: )[a-z0-9_]+");
    private static final Pattern INPUT = Pattern.compile("(?<=input: ).*");

    private static final List<String> VALUES = List.of("0", "-1", "1", "2", "3", "5", "9",
            "[2, 2]", "[1, 3]", "[0, 1]", "[3, 0]", "[2]", "[1, 2, 3]", "1.5", "x", "[]",
            "100000", "[9, 1]");
    private static final List<String> KEYS = List.of("kernels", "strides", "pad", "dilations",
            "filter", "kernel", "stride", "padding", "dilation", "filters", "units", "size");
    private static final List<String> TYPES = List.of("conv2d", "max_pool2d", "avg_pool2d",
            "flatten", "dense", "conv3d", "maxpool2d", "Conv2d");
    private static final List<String> INPUTS = List.of("[1, 8, 8]", "[2, 8, 8]", "[1, 3, 3]",
            "[8, 8]", "64", "[1, 8, 8, 1]", "[0, 8, 8]", "[1, 2, 40]", "[1, 1, 1]", "[]");

    private static final AtomicInteger COMPILED = new AtomicInteger();
    private static final AtomicInteger REJECTED = new AtomicInteger();

    @Test
    void theNetTheMutantsComeFromCompiles() {
        NetworkSpec spec = SpecAssertions.parseYaml(CONV_NET);
        assertEquals(List.of(3, 4, 3), spec.layers().get(3).image().out());
        // 2·1·3·3 + 2, 3·2·2·3 (no bias), 36·4 + 4
        assertEquals(20 + 36 + 148, spec.parameterCount());
        Backend.BYTECODE.instantiate(Chainrule.compile(spec).lowered());
    }

    @Property(tries = 1000)
    void mutatedImageLayersCompileOrFailWithALocatedLine(@ForAll("mutated") String text) {
        NetworkSpec spec;
        try {
            if (!(Descriptions.parse(text, "net.yaml", SpecAssertions.BASE)
                    instanceof NetworkSpec s)) {
                REJECTED.incrementAndGet();
                return;
            }
            spec = s;
            Backend.BYTECODE.instantiate(Chainrule.compile(spec).lowered());
            COMPILED.incrementAndGet();
        } catch (SpecException e) {
            REJECTED.incrementAndGet();
            String message = e.getMessage();
            assertTrue(message.startsWith("net.yaml:"), message);
            assertTrue(message.matches("net\\.yaml:[1-9][0-9]*:[1-9][0-9]*: .+"),
                    "not located: " + message);
            assertEquals(1, message.lines().count(), message);
            assertFalse(message.chars().anyMatch(Character::isISOControl), message);
            assertFalse(message.matches(".*(jackson|snakeyaml|Exception|\\bcom\\.|\\borg\\.).*"),
                    message);
        }
    }

    @AfterContainer
    static void report() {
        System.out.printf("ImageLayerFuzzTest: %d compiled and loaded, %d rejected%n",
                COMPILED.get(), REJECTED.get());
    }

    @Provide
    Arbitrary<String> mutated() {
        return Arbitraries.randomValue(random -> mutate(random, CONV_NET));
    }

    /** One to three mutations of the image keys, layer types, input shape or layer lines. */
    static String mutate(Random random, String text) {
        String out = text;
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            out = switch (random.nextInt(6)) {
                case 0, 1 -> TextDamage.replaceOne(random, out, VALUE, pick(random, VALUES));
                case 2 -> TextDamage.replaceOne(random, out, KEY, pick(random, KEYS));
                case 3 -> TextDamage.replaceOne(random, out, TYPE, pick(random, TYPES));
                case 4 -> TextDamage.replaceOne(random, out, INPUT, pick(random, INPUTS));
                default -> dropOrRepeatALayer(random, out);
            };
        }
        return out;
    }

    private static String dropOrRepeatALayer(Random random, String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        List<Integer> layers = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("  - ")) {
                layers.add(i);
            }
        }
        if (layers.isEmpty()) {
            return text;
        }
        int i = layers.get(random.nextInt(layers.size()));
        if (random.nextBoolean()) {
            lines.remove(i);
        } else {
            lines.add(i, lines.get(i).replace("name: flat, ", ""));
        }
        return String.join("\n", lines);
    }

    private static <T> T pick(Random random, List<T> items) {
        return items.get(random.nextInt(items.size()));
    }
}
