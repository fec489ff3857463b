package dev.chainrule.cli;

import dev.chainrule.spec.Description;
import java.nio.file.Path;
import picocli.CommandLine.Parameters;

/** The {@code NET} argument of the commands that read a description: its file, first. */
final class NetworkDescription {

    @Parameters(index = "0", paramLabel = "NET",
            description = "Network description (.yaml or .json).")
    Path file;

    /** Reads and validates the description; problems are {@code SpecException}s. */
    Description parse() {
        return Networks.parse(file);
    }
}
