package dev.chainrule.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs the CLI in process with captured output, and finds the sample descriptions. */
final class Cli {

    /** What one command line did. */
    record Result(int status, String out, String err) {

        /** Asserts a user error: exit 2, one line on stderr starting with {@code prefix}. */
        Result assertUserError(String prefix) {
            assertEquals(Main.EXIT_USAGE, status, () -> "exit status; stderr: " + err);
            assertOneCleanLine(prefix);
            return this;
        }

        /** Asserts that stderr is one line starting with {@code prefix}, without a stack trace. */
        Result assertOneCleanLine(String prefix) {
            assertTrue(err.endsWith("\n") && err.indexOf('\n') == err.length() - 1,
                    () -> "one line on stderr: " + err);
            assertTrue(err.startsWith(prefix), () -> "stderr starts with " + prefix + ": " + err);
            assertFalse(err.contains("Exception"), () -> "no exception name: " + err);
            assertFalse(err.contains("at dev."), () -> "no stack trace: " + err);
            return this;
        }

        Result assertOk() {
            assertEquals(Main.EXIT_OK, status, () -> "exit status; stderr: " + err);
            assertEquals("", err);
            return this;
        }

        String[] outLines() {
            return out.isEmpty() ? new String[0] : out.split("\n");
        }
    }

    private Cli() {
    }

    static Result run(Object... args) {
        String[] strings = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            strings[i] = args[i].toString();
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(new PrintWriter(out), new PrintWriter(err), strings);
        return new Result(status, out.toString().replace("\r\n", "\n"),
                err.toString().replace("\r\n", "\n"));
    }

    /** A file of the repository's {@code samples/} directory, such as {@code iris.yaml}. */
    static Path sample(String name) {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null) {
            Path candidate = directory.resolve("samples").resolve(name);
            if (Files.exists(candidate)) {
                return candidate;
            }
            directory = directory.getParent();
        }
        throw new IllegalStateException("no samples/" + name + " above "
                + Path.of("").toAbsolutePath());
    }
}
