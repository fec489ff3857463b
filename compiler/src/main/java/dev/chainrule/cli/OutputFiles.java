package dev.chainrule.cli;

import dev.chainrule.runtime.DataException;
import dev.chainrule.runtime.OutputFile;
import java.nio.file.Path;

/**
 * The command line's side of {@link OutputFile}, the one writer of every output file (all or
 * nothing, never over a special file or an input); its problems become {@link UserError}s.
 */
final class OutputFiles {

    private OutputFiles() {
    }

    static void write(Path target, byte[] bytes) {
        write(target, out -> out.write(bytes));
    }

    static void write(Path target, OutputFile.Content content) {
        try {
            OutputFile.write(target.toFile(), content);
        } catch (DataException e) {
            throw new UserError(e.getMessage(), e);
        }
    }
}
