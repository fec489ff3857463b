package dev.chainrule.maven;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Finds the trained weights to bake into a description's class: a {@code weights} entry keyed by
 * the network's name ({@code Iris}) or by the description's path below the source directory
 * ({@code iris.yaml}), else {@code <weightsDirectory>/<Name>.weights.json} if that file exists.
 */
final class WeightsLocator {

    static final WeightsLocator NONE = new WeightsLocator(Map.of(), null);

    private final Map<String, Path> byKey;
    private final Path directory;
    private final Set<String> used = new LinkedHashSet<>();

    /**
     * @param byKey weights files by network name or description path
     * @param directory where {@code <Name>.weights.json} files are looked for; null for nowhere
     */
    WeightsLocator(Map<String, Path> byKey, Path directory) {
        this.byKey = new TreeMap<>(byKey);
        this.directory = directory;
    }

    /** The weights file for a network, or null to generate a class that starts from zeros. */
    Path locate(String description, String networkName) {
        for (String key : List.of(description, networkName)) {
            Path file = byKey.get(key);
            if (file != null) {
                used.add(key);
                return file;
            }
        }
        if (directory != null) {
            Path file = directory.resolve(networkName + ".weights.json");
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        return null;
    }

    /** One line for every configured weights file that no description asked for. */
    List<String> unused() {
        List<String> problems = new ArrayList<>();
        byKey.forEach((key, file) -> {
            if (!used.contains(key)) {
                problems.add("weights: '" + key + "' (" + file.getFileName() + ") is neither the"
                        + " name of a network nor a description");
            }
        });
        return problems;
    }
}
