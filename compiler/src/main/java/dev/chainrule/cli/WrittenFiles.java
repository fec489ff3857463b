package dev.chainrule.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --quiet} option of the commands that write files, and the one line on stdout each
 * of them prints per file it wrote, such as {@code wrote iris.json (weights)}.
 */
final class WrittenFiles {

    @Option(names = {"-q", "--quiet"}, description = "Do not list the files written.")
    boolean quiet;

    /** Says that {@code file} now holds {@code what}, unless {@code --quiet}. */
    void wrote(PrintWriter out, Path file, String what) {
        if (!quiet) {
            out.println("wrote " + file + " (" + what + ")");
        }
    }
}
