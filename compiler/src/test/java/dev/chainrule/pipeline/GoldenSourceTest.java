package dev.chainrule.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.Chainrule;
import dev.chainrule.codegen.SourceBackend;
import dev.chainrule.ir.GraphPrinter;
import dev.chainrule.spec.NetworkSpec;
import dev.chainrule.spec.SpecParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole pipeline's output for tiny networks, diffed whole against reviewed golden files:
 * optimized IR and generated source. Any change to what Chainrule emits shows up here.
 * Regenerate after a deliberate change with {@code -Dgolden.update=true}, then review the diff.
 */
class GoldenSourceTest {

    static final Path GOLDEN = Path.of("src/test/resources/golden");

    @ParameterizedTest
    @ValueSource(strings = {"WorkedExample", "Sigmoid232", "TinyClassifier"})
    void generatedSourceAndIrMatchTheGoldenFiles(String name) throws IOException {
        NetworkSpec spec = SpecParser.parse(GOLDEN.resolve(name + ".yaml"));
        Chainrule.Compilation c = Chainrule.compile(spec);
        check(GOLDEN.resolve(name + ".java.txt"), SourceBackend.emit(c.lowered()));
        check(GOLDEN.resolve(name + ".ir.txt"), GraphPrinter.print(c.optimized()));
    }

    private static void check(Path golden, String actual) throws IOException {
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(golden, actual);
        }
        assertEquals(Files.readString(golden), actual, golden.toString());
    }
}
