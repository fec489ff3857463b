package dev.chainrule.maven;

import java.lang.module.ModuleFinder;

/**
 * The flag that lets the project's test JVMs run the runtime's Vector API kernels
 * ({@code BatchKernels}): {@code --add-modules jdk.incubator.vector}, appended to the project's
 * {@code argLine} property as JaCoCo appends its agent, so Surefire and Failsafe forks start
 * with it unless the POM sets their {@code argLine} without {@code @{argLine}}. Only speed
 * depends on it: the weights are the same bits with or without.
 */
final class TestJvmFlags {

    static final String MODULE = "jdk.incubator.vector";
    static final String FLAG = "--add-modules " + MODULE;

    private TestJvmFlags() {
    }

    /** Whether the JDK running Maven (and so, by default, its test forks) has the module. */
    static boolean jdkHasVectorModule() {
        return ModuleFinder.ofSystem().find(MODULE).isPresent();
    }

    /**
     * {@code argLine} with the flag added, or unchanged if the JDK lacks the module or the line
     * already names it (both goals run in one build, and a user may have added it already).
     */
    static String withVectorModule(String argLine, boolean jdkHasModule) {
        String line = argLine == null ? "" : argLine.trim();
        if (!jdkHasModule || line.contains(MODULE)) {
            return argLine;
        }
        return line.isEmpty() ? FLAG : line + " " + FLAG;
    }
}
