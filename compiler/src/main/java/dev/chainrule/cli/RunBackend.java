package dev.chainrule.cli;

import dev.chainrule.codegen.Backend;
import picocli.CommandLine.Option;

/**
 * The {@code --backend} option of the commands that run a network in process: bytecode by
 * default (ASM, milliseconds), or source (javac). Results are the same bit for bit.
 */
final class RunBackend {

    @Option(names = "--backend", paramLabel = "NAME", converter = BackendOption.class,
            defaultValue = "bytecode",
            description = "bytecode (the default) or source (javac, slower to start).")
    Backend backend;
}
