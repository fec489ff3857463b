package dev.chainrule.runtime;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

/** Opens input files with the one-line {@link DataException} messages the loaders promise. */
final class DataFiles {

    private DataFiles() {
    }

    /** The name a message shows for {@code file}: its path as the user gave it. */
    static String displayName(File file) {
        return file.getPath();
    }

    static InputStream openStream(File file) {
        String name = displayName(file);
        // FileInputStream reports both cases as FileNotFoundException with an OS-specific text.
        if (file.isDirectory()) {
            throw new DataException(name + ": is a directory, expected a file");
        }
        try {
            return new BufferedInputStream(new FileInputStream(file), 1 << 16);
        } catch (FileNotFoundException e) {
            throw new DataException(name + (file.exists() ? ": cannot open: " + e.getMessage()
                    : ": file not found"), e);
        }
    }

    /** UTF-8, the only encoding the loaders read; the caller closes the reader. */
    static Reader openReader(File file) {
        return new InputStreamReader(openStream(file), StandardCharsets.UTF_8);
    }

    static DataException readError(String name, IOException e) {
        return new DataException(name + ": cannot read: " + e.getMessage(), e);
    }

    /** Closes what a loader opened, once it has read everything it needs. */
    static void closeQuietly(Closeable in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // Everything was read already; a failing close cannot change the result.
        }
    }
}
