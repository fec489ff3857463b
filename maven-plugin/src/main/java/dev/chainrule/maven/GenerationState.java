package dev.chainrule.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the last successful run generated: for each description (by its path below the source
 * directory) the key it was generated under and the class file it became. Stored as one
 * tab-separated line per description, sorted, so the file diffs cleanly:
 *
 * <pre>
 * # chainrule-maven-plugin state 1: key, generated file, description
 * 3f1c...e9	dev/chainrule/samples/Iris.java	iris.yaml
 * </pre>
 *
 * <p>A missing or foreign state file reads as empty, which regenerates everything.
 */
final class GenerationState {

    /**
     * The state file of one plugin execution, so two executions that share an output directory
     * do not take each other's classes for stale ones.
     */
    static String fileName(String execution) {
        return ".chainrule-" + execution.replaceAll("[^A-Za-z0-9._-]", "_") + ".state";
    }
    private static final String HEADER =
            "# chainrule-maven-plugin state 1: key, generated file, description";

    /**
     * @param key hash of everything the class was generated from
     * @param generated the class's path below the output directory, with {@code /} separators
     */
    record Entry(String key, String generated) {

        /** The generated class's simple name, which is the network's name. */
        String simpleName() {
            String file = generated.substring(generated.lastIndexOf('/') + 1);
            return file.endsWith(".java") ? file.substring(0, file.length() - 5) : file;
        }
    }

    private final Map<String, Entry> entries;

    GenerationState(Map<String, Entry> entries) {
        this.entries = Collections.unmodifiableMap(new TreeMap<>(entries));
    }

    static GenerationState empty() {
        return new GenerationState(Map.of());
    }

    static GenerationState read(Path file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return empty();
        }
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            return empty();
        }
        Map<String, Entry> entries = new TreeMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split("\t", 3);
            if (fields.length == 3) {
                entries.put(fields[2], new Entry(fields[0], fields[1]));
            }
        }
        return new GenerationState(entries);
    }

    /** Descriptions by path below the source directory, in path order. */
    Map<String, Entry> entries() {
        return entries;
    }

    String text() {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        entries.forEach((description, entry) -> out.append(entry.key()).append('\t')
                .append(entry.generated()).append('\t').append(description).append('\n'));
        return out.toString();
    }
}
