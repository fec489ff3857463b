package dev.chainrule.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.Chainrule;
import dev.chainrule.codegen.SourceBackend;
import dev.chainrule.graph.GraphText;
import dev.chainrule.description.Descriptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole pipeline's output for tiny descriptions of both forms, diffed whole against reviewed
 * golden files: optimized graph IR and generated source. Any change to what Chainrule emits
 * shows up here. Regenerate after a deliberate change with {@code -Dgolden.update=true}, then
 * review the diff.
 */
class GoldenSourceTest {

    static final Path GOLDEN = Path.of("src/test/resources/golden");

    @ParameterizedTest
    @ValueSource(strings = {"WorkedExample", "Sigmoid232", "TinyClassifier", "SeedGraph"})
    void generatedSourceAndIrMatchTheGoldenFiles(String name) throws IOException {
        Chainrule.Compilation c = Chainrule.compile(
                Descriptions.parse(GOLDEN.resolve(name + ".yaml")));
        check(GOLDEN.resolve(name + ".java.txt"), SourceBackend.emit(c.lowered()));
        check(GOLDEN.resolve(name + ".ir.txt"), GraphText.print(c.optimized()));
    }

    private static void check(Path golden, String actual) throws IOException {
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(golden, actual);
        }
        assertEquals(Files.readString(golden), actual, golden.toString());
    }
}
