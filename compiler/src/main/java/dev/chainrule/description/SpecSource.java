package dev.chainrule.description;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Where a description came from: the name used in error messages, the file (if any), the
 * directory its relative data paths are resolved against, and its raw text.
 *
 * @param displayName name used in messages, e.g. {@code net.yaml}
 * @param file the description file, or {@code null} when parsed from a string
 * @param baseDirectory absolute directory that relative paths are resolved against
 * @param text the raw description text, as read
 */
public record SpecSource(String displayName, Path file, Path baseDirectory, String text) {

    public SpecSource {
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(baseDirectory, "baseDirectory");
        Objects.requireNonNull(text, "text");
    }

    /** Lower-case hex SHA-256 of {@link #text()} encoded as UTF-8. */
    public String sha256() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "SpecSource[" + displayName + ", " + text.length() + " chars]";
    }
}
