package dev.chainrule.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class TestJvmFlagsTest {

    @Test
    void addsTheModuleToAnEmptyOrAbsentLine() {
        assertEquals("--add-modules jdk.incubator.vector", TestJvmFlags.withVectorModule(null, true));
        assertEquals("--add-modules jdk.incubator.vector", TestJvmFlags.withVectorModule("  ", true));
    }

    @Test
    void appendsToWhatIsThere() {
        // JaCoCo's agent (set by prepare-agent before us) stays first
        assertEquals("-javaagent:/r/jacoco.jar=destfile=x -Xmx1g --add-modules jdk.incubator.vector",
                TestJvmFlags.withVectorModule("-javaagent:/r/jacoco.jar=destfile=x -Xmx1g", true));
    }

    @Test
    void addsItOnceAcrossBothGoals() {
        String once = TestJvmFlags.withVectorModule("-Xmx1g", true);
        assertEquals(once, TestJvmFlags.withVectorModule(once, true));
        assertEquals("--add-modules=jdk.incubator.vector",
                TestJvmFlags.withVectorModule("--add-modules=jdk.incubator.vector", true));
    }

    @Test
    void leavesTheLineAloneWhenTheJdkLacksTheModule() {
        assertNull(TestJvmFlags.withVectorModule(null, false));
        assertEquals("-Xmx1g", TestJvmFlags.withVectorModule("-Xmx1g", false));
    }

    @Test
    void thisJdkHasTheModule() {
        // the build runs on JDK 17 (pom: maven.compiler.release 17), where the incubator ships
        assertEquals(Runtime.version().feature() >= 16, TestJvmFlags.jdkHasVectorModule());
    }
}
