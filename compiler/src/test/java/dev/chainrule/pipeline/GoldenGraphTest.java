package dev.chainrule.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.GraphCompiler;
import dev.chainrule.codegen.SourceBackend;
import dev.chainrule.graph.GraphText;
import dev.chainrule.spec.Descriptions;
import dev.chainrule.spec.graph.GraphSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole generated class and IR of small graph descriptions, diffed against reviewed golden
 * files. Regenerate after a deliberate change with {@code -Dgolden.update=true}, then review.
 */
class GoldenGraphTest {

    @ParameterizedTest
    @ValueSource(strings = {"SeedGraph"})
    void generatedSourceAndIrMatchTheGoldenFiles(String name) throws IOException {
        GraphSpec spec = (GraphSpec) Descriptions.parse(
                GoldenSourceTest.GOLDEN.resolve(name + ".yaml"));
        GraphCompiler.Compilation c = GraphCompiler.compile(spec);
        check(GoldenSourceTest.GOLDEN.resolve(name + ".java.txt"), SourceBackend.emit(c.lowered()));
        check(GoldenSourceTest.GOLDEN.resolve(name + ".ir.txt"), GraphText.print(c.optimized()));
    }

    private static void check(Path golden, String actual) throws IOException {
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(golden, actual);
        }
        assertEquals(Files.readString(golden), actual, golden.toString());
    }
}
