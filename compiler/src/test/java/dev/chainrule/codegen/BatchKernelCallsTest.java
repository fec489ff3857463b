package dev.chainrule.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.chainrule.Chainrule;
import dev.chainrule.loops.LoweredClass;
import dev.chainrule.runtime.BatchKernels;
import dev.chainrule.description.SpecParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Generated classes reach the runtime's batch kernels only through {@code BatchKernels.LIVE},
 * the same call from both backends; double-precision classes keep their loops (the kernels are
 * float).
 */
class BatchKernelCallsTest {

    /** 300-256-10: the first layer's gradient rows (256 wide, over the input) are held. */
    private static final String HELD = """
            name: Held
            precision: %s
            input: 300
            layers:
              - {units: 256, activation: relu}
              - {units: 10, activation: softmax}
            loss: softmax_cross_entropy
            training: {learning_rate: 0.1, batch_size: 32}
            """;

    @Test
    void theFloatFlushCallsTheLiveKernelFromBothBackends() {
        LoweredClass lowered = lower("float");
        List<String> sourceCalls = new ArrayList<>();
        for (String line : SourceBackend.emit(lowered).split("\n")) {
            if (line.contains("BatchKernels.")) {
                sourceCalls.add(line.trim());
            }
        }
        assertEquals(List.of("BatchKernels.LIVE.addOuters(grad_layer1_weight, 256, held_layer1_weight_g,"
                        + " held_layer1_weight_x, held_layer1_weight_rows, rowsHeld,"
                        + " held_layer1_weight_rowCount, held_layer1_weight_rowSamples, 16);"),
                sourceCalls);
        assertEquals(List.of("finishGradients: GETSTATIC dev/chainrule/runtime/BatchKernels.LIVE",
                "finishGradients: INVOKEVIRTUAL dev/chainrule/runtime/BatchKernels.addOuters"
                        + "([[FI[[F[[F[II[I[II)V"), kernelInstructions(lowered));
    }

    /**
     * The build's {@code simd-test} run sets {@code chainrule.simd.expected}: there the module
     * must be present (else that run would test the plain kernels twice) and the Panama
     * kernels live; elsewhere the plain ones run exactly when the module is absent.
     */
    @Test
    void theVectorKernelsAreLiveExactlyWhenTheJvmHasTheModule() {
        boolean present = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        assertEquals(Boolean.getBoolean("chainrule.simd.expected") || present, present,
                "jdk.incubator.vector in this JVM");
        assertEquals(present ? "dev.chainrule.runtime.simd.PanamaBatchKernels"
                : "dev.chainrule.runtime.ScalarBatchKernels",
                BatchKernels.LIVE.getClass().getName());
    }

    @Test
    void doublePrecisionKeepsItsLoops() {
        LoweredClass lowered = lower("double");
        assertFalse(SourceBackend.emit(lowered).contains("BatchKernels"));
        assertEquals(List.of(), kernelInstructions(lowered));
    }

    private static LoweredClass lower(String precision) {
        return Chainrule.compile(SpecParser.parse(HELD.formatted(precision), "held.yaml",
                Path.of("."))).lowered();
    }

    /** Every instruction of the class file that touches BatchKernels, with its method. */
    private static List<String> kernelInstructions(LoweredClass lowered) {
        List<String> out = new ArrayList<>();
        new ClassReader(BytecodeBackend.emit(lowered)).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String method, String descriptor,
                                             String signature, String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitFieldInsn(int opcode, String owner, String name,
                                               String d) {
                        if (owner.endsWith("/BatchKernels")) {
                            out.add(method + ": GETSTATIC " + owner + "." + name);
                        }
                    }

                    @Override
                    public void visitMethodInsn(int opcode, String owner, String name,
                                                String d, boolean isInterface) {
                        if (owner.endsWith("/BatchKernels")) {
                            out.add(method + ": INVOKEVIRTUAL " + owner + "." + name + d);
                        }
                    }
                };
            }
        }, 0);
        return out;
    }
}
