package dev.chainrule.codegen;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.Chainrule;
import dev.chainrule.description.NetworkSpec;
import dev.chainrule.description.SpecParser;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every generated method stays under HotSpot's 8,000-byte JIT limit (a larger method is never
 * compiled and runs interpreted), measured on the real class files of both backends: javac's
 * output for the source backend, ASM's for the bytecode backend.
 */
class JitLimitTest {

    static final int JIT_LIMIT = 8000;

    static String mnist(String hidden) {
        StringBuilder y = new StringBuilder("name: Mnist\ninput: 784\nlayers:\n");
        for (String units : hidden.split("-")) {
            y.append("  - {units: ").append(units).append(", activation: relu}\n");
        }
        return y.append("  - {units: 10, activation: softmax}\nloss: softmax_cross_entropy\n")
                .toString();
    }

    @ParameterizedTest
    @CsvSource({"128, SOURCE", "128, BYTECODE", "256-128, SOURCE", "256-128, BYTECODE",
        "8, SOURCE", "8, BYTECODE"})
    void everyMethodIsUnderTheJitLimit(String hidden, Backend backend) {
        NetworkSpec spec = SpecParser.parse(mnist(hidden), "mnist.yaml", Path.of("."));
        Map<String, Integer> sizes = new LinkedHashMap<>();
        backend.classFiles(Chainrule.compile(spec).lowered()).forEach((name, bytes) ->
                CodeLengths.of(bytes).forEach((method, size) -> sizes.put(name + "." + method, size)));
        assertFalse(sizes.isEmpty());
        int largest = sizes.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        System.out.printf("784-%s-10 %s: largest method %d bytes %s%n", hidden, backend, largest,
                sizes);
        sizes.forEach((method, size) ->
                assertTrue(size < JIT_LIMIT, method + " has " + size + " bytes of bytecode"));
    }
}
