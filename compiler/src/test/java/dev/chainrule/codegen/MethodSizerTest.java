package dev.chainrule.codegen;

import static dev.chainrule.codegen.Lowered.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.loops.LoweredClass;
import dev.chainrule.loops.LoweredMethod;
import dev.chainrule.loops.Stmt;
import dev.chainrule.loops.Type;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class MethodSizerTest {

    @ParameterizedTest
    @MethodSource("dev.chainrule.codegen.BytecodeBackendTest#fixtures")
    void measuresWhatTheWholeClassEmits(LoweredClass lowered) {
        var sizes = BytecodeBackend.methodSizes(lowered);
        for (LoweredMethod method : lowered.methods()) {
            assertEquals(sizes.get(method.name()), MethodSizer.measure(lowered, method),
                    method.name());
        }
    }

    /** Each store {@code input[1] = 1.5f}: ALOAD_0, GETFIELD, ICONST_1, LDC, FASTORE. */
    @Test
    void countsEveryByte() {
        assertEquals(8 * 1000 + 1, MethodSizer.measure(LinearModel.of(false), stores(1000)));
    }

    /** The JVM refuses methods over 64 KB; the lowering still needs to know by how much. */
    @Test
    void measuresMethodsPastTheJvmLimit() {
        assertEquals(8 * 9000 + 1, MethodSizer.measure(LinearModel.of(false), stores(9000)));
    }

    /** A piece being considered by the splitter may call helpers that do not exist yet. */
    @Test
    void measuresAMethodCallingHelpersNotYetInTheClass() {
        LoweredMethod parent = override("forward", List.of(arrayParam("x")), null,
                call("forward_part1"), call("forward_part2"));
        // ALOAD_0, ALOAD_1, INVOKESPECIAL (3 bytes), twice; RETURN.
        assertEquals(2 * 5 + 1, MethodSizer.measure(LinearModel.of(false), parent));
    }

    @Test
    void rejectsAMalformedMethod() {
        LoweredMethod broken = helper("broken", List.of(),
                declare("a", Type.FLOAT, num(Type.DOUBLE, 1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MethodSizer.measure(LinearModel.of(false), broken));
        assertEquals("LinearFloat.broken: initializer of a is DOUBLE, expected FLOAT",
                e.getMessage());
    }

    private static LoweredMethod stores(int count) {
        List<Stmt> body = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            body.add(store(field("input", Type.FLOAT, 1), List.of(i(1)), num(Type.FLOAT, 1.5)));
        }
        return new LoweredMethod("big", false, List.of(), null, body, "");
    }
}
