package dev.chainrule.maven;

import dev.chainrule.runtime.DataException;
import dev.chainrule.runtime.OutputFile;
import dev.chainrule.description.SpecException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Brings an output directory up to date with a set of descriptions, all or nothing.
 *
 * <ol>
 *   <li>A description whose key (a SHA-256 of the generator's version and options, the
 *       description's bytes and those of the weights baked into its class) matches the last run's, and whose class is still there, is up to
 *       date and not compiled again.
 *   <li>Every other description is compiled into memory. If any fails, nothing on disk changes
 *       and {@link DescriptionErrors} lists every failure as one located line.
 *   <li>Otherwise each new class is written atomically (temporary file, then a move), classes
 *       of descriptions that are gone are deleted, and the state file is rewritten last.
 * </ol>
 *
 * <p>Maven-free, so tests drive it directly; {@link AbstractGenerateMojo} adapts it.
 */
final class IncrementalGenerator {

    /** What happened to files, for the IDE (m2e refreshes and error markers). */
    interface Listener {
        Listener NONE = new Listener() {};

        default void clearProblems(Path description) {}

        default void problem(Path description, SpecException error) {}

        default void changed(Path file) {}
    }

    /**
     * @param generated descriptions compiled in this run, by path below the source directory
     * @param upToDate descriptions whose class was left as it was
     * @param removed generated files deleted because their description is gone or now makes
     *     another class
     */
    record Outcome(List<String> generated, List<String> upToDate, List<String> removed) {}

    /** Every description that failed, each as one located line; nothing was written. */
    static final class DescriptionErrors extends Exception {
        private final List<String> lines;

        DescriptionErrors(List<String> lines) {
            super(String.join(System.lineSeparator(), lines));
            this.lines = List.copyOf(lines);
        }

        List<String> lines() {
            return lines;
        }
    }

    private final Path sourceDirectory;
    private final Path outputDirectory;
    private final Path stateFile;
    private final Path displayBase;
    private final String options;
    private final DescriptionCompiler compiler;
    private final WeightsLocator weights;
    private final Listener listener;

    /**
     * @param displayBase messages name descriptions relative to this directory (the project's
     *     base directory), or absolute when they are not below it
     * @param options everything besides a description's bytes that changes its class: the
     *     generator version and the settings, as one string
     */
    IncrementalGenerator(Path sourceDirectory, Path outputDirectory, Path stateFile,
                         Path displayBase, String options, DescriptionCompiler compiler,
                         WeightsLocator weights, Listener listener) {
        this.sourceDirectory = sourceDirectory.toAbsolutePath().normalize();
        this.outputDirectory = outputDirectory.toAbsolutePath().normalize();
        this.stateFile = stateFile.toAbsolutePath().normalize();
        this.displayBase = displayBase.toAbsolutePath().normalize();
        this.options = Objects.requireNonNull(options, "options");
        this.compiler = Objects.requireNonNull(compiler, "compiler");
        this.weights = Objects.requireNonNull(weights, "weights");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * @param descriptions paths below the source directory, with {@code /} separators
     * @throws DescriptionErrors if any description is invalid; the output is then untouched
     */
    Outcome run(List<String> descriptions) throws IOException, DescriptionErrors {
        GenerationState previous = GenerationState.read(stateFile);
        Map<String, GenerationState.Entry> next = new TreeMap<>();
        Map<String, GeneratedSource> fresh = new LinkedHashMap<>();
        List<String> upToDate = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (String description : descriptions.stream().sorted().distinct().toList()) {
            Path file = sourceDirectory.resolve(description);
            byte[] content = Files.readAllBytes(file);
            String text = utf8(content);
            GenerationState.Entry old = previous.entries().get(description);
            if (old != null && old.key().equals(key(content, description, old.simpleName()))
                    && Files.isRegularFile(outputDirectory.resolve(old.generated()))) {
                next.put(description, old);
                upToDate.add(description);
                continue;
            }
            listener.clearProblems(file);
            boolean model = description.endsWith(".onnx");
            if (text == null && !model) {
                errors.add(displayName(file) + ": not a UTF-8 text file");
                continue;
            }
            try {
                GeneratedSource source = compiler.compile(file, displayName(file), text,
                        name -> weights.locate(description, name));
                fresh.put(description, source);
                String key = key(content, description, source.simpleName());
                next.put(description, new GenerationState.Entry(key, source.relativePath()));
            } catch (SpecException e) {
                listener.problem(file, e);
                errors.add(e.getMessage());
            } catch (DataException e) {
                errors.add(e.getMessage());
            } catch (RuntimeException e) {
                throw new IllegalStateException(displayName(file)
                        + ": the compiler failed on this valid description: " + e, e);
            }
        }
        errors.addAll(clashes(next));
        errors.addAll(weights.unused());
        if (!errors.isEmpty()) {
            throw new DescriptionErrors(errors);
        }
        for (GeneratedSource source : fresh.values()) {
            Path target = outputDirectory.resolve(source.relativePath());
            writeAtomically(target, source.source());
            listener.changed(target);
        }
        List<String> removed = new ArrayList<>();
        List<String> kept = next.values().stream().map(GenerationState.Entry::generated).toList();
        for (GenerationState.Entry old : previous.entries().values()) {
            if (!kept.contains(old.generated())) {
                Path stale = outputDirectory.resolve(old.generated());
                if (Files.deleteIfExists(stale)) {
                    removed.add(old.generated());
                    listener.changed(stale);
                }
            }
        }
        GenerationState state = new GenerationState(next);
        // A missing state file was read as empty, so any entries at all differ and write it.
        if (!state.entries().equals(previous.entries())) {
            writeAtomically(stateFile, state.text());
        }
        return new Outcome(List.copyOf(fresh.keySet()), upToDate, removed);
    }

    /** Two descriptions that would write the same class. */
    private List<String> clashes(Map<String, GenerationState.Entry> next) {
        Map<String, String> byClass = new TreeMap<>();
        List<String> errors = new ArrayList<>();
        next.forEach((description, entry) -> {
            String first = byClass.putIfAbsent(entry.generated(), description);
            if (first != null) {
                errors.add(displayName(sourceDirectory.resolve(description))
                        + ": generates " + entry.generated() + ", as "
                        + displayName(sourceDirectory.resolve(first))
                        + " does; give one of them another name or package");
            }
        });
        return errors;
    }

    String displayName(Path file) {
        return displayName(displayBase, file);
    }

    /** {@code file} relative to {@code base} with {@code /} separators, or absolute if outside. */
    static String displayName(Path base, Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path from = base.toAbsolutePath().normalize();
        Path shown = absolute.startsWith(from) ? from.relativize(absolute) : absolute;
        String name = shown.toString().replace('\\', '/');
        return name.isEmpty() ? "." : name;
    }

    /** The text, or null when the bytes are not UTF-8. */
    private static String utf8(byte[] content) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Hash of everything a description's class is made from: options, text, baked weights. */
    private String key(byte[] content, String description, String networkName)
            throws IOException {
        Path weightsFile = weights.locate(description, networkName);
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(options.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            sha256.update(content);
            if (weightsFile != null && Files.isRegularFile(weightsFile)) {
                sha256.update((byte) 0);
                sha256.update(Files.readAllBytes(weightsFile));
            }
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Readers see the old file or the new one, never half of one; unchanged text is not rewritten. */
    static void writeAtomically(Path target, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), bytes)) {
            return;
        }
        try {
            OutputFile.write(target.toFile(), bytes);
        } catch (DataException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
