package dev.chainrule.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;

class InMemoryJavacTest {

    @Test
    void compilesEveryClassOfTheFileForJava8() {
        Map<String, byte[]> classes = InMemoryJavac.compile("a.b.Outer", """
                package a.b;
                public class Outer {
                    static class Inner {}
                }
                """);
        assertEquals(List.of("a.b.Outer", "a.b.Outer$Inner"),
                classes.keySet().stream().sorted().toList());
        for (byte[] classFile : classes.values()) {
            assertEquals(52, new ClassReader(classFile).readUnsignedShort(6));
        }
    }

    @Test
    void compilesAgainstTheRuntime() {
        InMemoryJavac.compile("Uses", """
                public class Uses {
                    dev.chainrule.runtime.Network network;
                }
                """);
    }

    @Test
    void reportsJavacsDiagnosticsWithPositions() {
        CompilationFailedException e = assertThrows(CompilationFailedException.class,
                () -> InMemoryJavac.compile("p.Broken", """
                        package p;
                        class Broken {
                            float f = 1.0;
                        }
                        """));
        assertEquals(List.of("Broken.java:3:15: error: incompatible types: possible lossy "
                + "conversion from double to float"), e.diagnostics());
        assertEquals("javac failed on p.Broken:\n" + e.diagnostics().get(0), e.getMessage());
    }

    /** {@code --release 8} compiles against the Java 8 API, not the running JDK's. */
    @Test
    void rejectsApiNewerThanJava8() {
        CompilationFailedException e = assertThrows(CompilationFailedException.class,
                () -> InMemoryJavac.compile("New", """
                        class New {
                            Object list = java.util.List.of();
                        }
                        """));
        assertEquals(1, e.diagnostics().size());
        assertEquals("New.java:2:33: error: cannot find symbol", 
                e.diagnostics().get(0).lines().findFirst().orElseThrow());
    }
}
