package dev.chainrule.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes output files all or nothing: the content goes to a temporary file next to the target,
 * which then replaces the target in one atomic rename. An interrupted or failed write leaves no
 * half-written file behind, and never a damaged earlier version.
 */
final class OutputFiles {

    /** Writes the whole content to a stream it is given. */
    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private OutputFiles() {
    }

    static void write(Path target, byte[] bytes) {
        write(target, out -> out.write(bytes));
    }

    static void write(Path target, Content content) {
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        if (Files.isDirectory(absolute)) {
            throw new UserError(target + ": is a directory, expected a file name");
        }
        Path temporary = null;
        try {
            Files.createDirectories(directory);
            temporary = Files.createTempFile(directory, "." + absolute.getFileName(), ".tmp");
            try (OutputStream out = Files.newOutputStream(temporary)) {
                content.writeTo(out);
            }
            move(temporary, absolute);
            temporary = null;
        } catch (IOException e) {
            throw new UserError(target + ": cannot write: " + describe(e), e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // Nothing more can be done; the original error is what the user needs.
                }
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The reason of an I/O failure, without the exception class name. */
    static String describe(IOException e) {
        String kind = e.getClass().getSimpleName();
        if (kind.equals("NoSuchFileException")) {
            return "no such directory";
        }
        if (kind.equals("AccessDeniedException")) {
            return "permission denied";
        }
        if (kind.equals("FileAlreadyExistsException")
                || kind.equals("FileSystemException") && e.getMessage() != null
                        && e.getMessage().contains("Not a directory")) {
            return "a file is in the way of a directory";
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? kind : message.replaceAll("\\s+", " ");
    }
}
