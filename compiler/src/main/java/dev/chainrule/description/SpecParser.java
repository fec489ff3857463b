package dev.chainrule.description;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a network description (YAML, or JSON with the same keys) into a validated
 * {@link NetworkSpec}.
 *
 * <pre>{@code
 * try {
 *     NetworkSpec spec = SpecParser.parse(Path.of("nets/xor.yaml"));
 *     System.out.println(spec.qualifiedName() + ": " + spec.parameterCount() + " parameters");
 * } catch (SpecException e) {
 *     System.err.println(e.getMessage());  // nets/xor.yaml:7:17: layers[1].activation: ...
 *     System.exit(65);
 * }
 *
 * NetworkSpec inline = SpecParser.parse("""
 *         name: Xor
 *         input: 2
 *         layers: [{units: 2, activation: tanh}, {units: 1, activation: sigmoid}]
 *         loss: mse
 *         """, "xor.yaml", Path.of("."));
 * }</pre>
 *
 * <p>Files ending in {@code .json} (any case) are read as JSON, everything else as YAML. Parsing
 * runs in two phases: {@link SpecTreeReader} builds a tree that remembers every node's line and
 * column, then {@link SpecValidator} checks it and builds the records. Every failure is a
 * {@link SpecException} with a one-line, located message.
 */
public final class SpecParser {

    private SpecParser() {}

    /**
     * Parses the description in {@code file}; relative data paths in it are resolved against
     * the file's directory. Messages name the file as {@code file.toString()}.
     *
     * @throws SpecException if the file cannot be read or is not a valid description
     */
    public static NetworkSpec parse(Path file) {
        return parse(read(file));
    }

    /**
     * Parses description text.
     *
     * @param content the description
     * @param displayName name for messages, e.g. {@code net.yaml}; a {@code .json} ending
     *     selects JSON
     * @param baseDirectory directory that relative data paths are resolved against; {@code null}
     *     for the working directory
     * @throws SpecException if the text is not a valid description
     */
    public static NetworkSpec parse(String content, String displayName, Path baseDirectory) {
        return parse(source(content, displayName, baseDirectory));
    }

    private static NetworkSpec parse(SpecSource source) {
        return SpecValidator.validate(tree(source), source);
    }

    /** The text of {@code file} and where it lives; shared with {@link Descriptions}. */
    static SpecSource read(Path file) {
        String displayName = file.toString();
        if (Files.isDirectory(file)) {
            throw SpecException.inFile(displayName, "is a directory, not a description file");
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw SpecException.inFile(displayName, "file not found");
        } catch (AccessDeniedException e) {
            throw SpecException.inFile(displayName, "cannot read file: permission denied");
        } catch (CharacterCodingException e) {
            throw SpecException.at(displayName, 1, 1, "", "not a UTF-8 text file"
                    + EXPECTED_TEXT);
        } catch (IOException e) {
            throw SpecException.inFile(displayName, "cannot read file");
        }
        if (text.indexOf('\0') >= 0) {
            // valid UTF-8 yet binary (an archive, an image): no YAML or JSON has a NUL byte
            throw SpecException.at(displayName, 1, 1, "", "a binary file (it has NUL bytes)"
                    + EXPECTED_TEXT);
        }
        Path absolute = file.toAbsolutePath().normalize();
        Path directory = absolute.getParent() != null ? absolute.getParent() : absolute.getRoot();
        return new SpecSource(displayName, absolute, directory, text);
    }

    /** What a file that is no text at all should have been. */
    private static final String EXPECTED_TEXT = ", expected a YAML or JSON description";

    /** Description text that comes from no file; shared with {@link Descriptions}. */
    static SpecSource source(String content, String displayName, Path baseDirectory) {
        Path base = (baseDirectory == null ? Path.of("") : baseDirectory)
                .toAbsolutePath().normalize();
        return new SpecSource(displayName, null, base, content);
    }

    /** Phase 1: the located tree of the source's text; an empty description is an error. */
    static SpecNode tree(SpecSource source) {
        return SpecTreeReader.read(source.text(), source.displayName())
                .orElseThrow(() -> SpecException.at(source.displayName(), 1, 1, "",
                        "empty description (expected a mapping with keys such as name, input,"
                                + " layers and loss)"));
    }
}
