package dev.chainrule.runtime;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * This process's id, and whether another one still runs: how {@link OutputFile} tells a killed
 * writer's temporary file from one being written right now. Java 8 has no {@code ProcessHandle},
 * so Linux's {@code /proc} answers, or {@code ProcessHandle} through reflection on newer JDKs;
 * when neither can, every process counts as running (nothing is deleted).
 */
final class ProcessId {

    /** This process's id; 0 when the platform does not tell. */
    static final long CURRENT = current();

    private ProcessId() {
    }

    static boolean isRunning(long pid) {
        if (pid == CURRENT) {
            return true;
        }
        if (new File("/proc/self").isDirectory()) {
            return new File("/proc/" + pid).isDirectory();
        }
        try {
            Class<?> handle = Class.forName("java.lang.ProcessHandle");
            Method of = handle.getMethod("of", long.class);
            Optional<?> process = (Optional<?>) of.invoke(null, pid);
            return process.isPresent();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return true;
        }
    }

    private static long current() {
        String name = ManagementFactory.getRuntimeMXBean().getName(); // "pid@host" in practice
        int at = name.indexOf('@');
        try {
            return Long.parseLong(at > 0 ? name.substring(0, at) : name);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
