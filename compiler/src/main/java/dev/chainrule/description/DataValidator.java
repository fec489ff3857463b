package dev.chainrule.description;

import dev.chainrule.description.SpecNode.MapNode;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks the {@code data} section and builds its {@link DataSpec}, resolving relative paths
 * against the description's directory.
 */
final class DataValidator {

    static final List<String> KEYS = List.of("train", "test");
    static final List<String> IDX_KEYS = List.of("images", "labels");

    private DataValidator() {}

    static DataSpec validate(SpecNode node, String path, Path baseDirectory) {
        MapReader data = MapReader.of(node, path, "a mapping with train and test", KEYS);
        DataSource train = data.optional("train")
                .map(value -> source(value, data.path("train"), baseDirectory))
                .orElse(null);
        DataSource test = data.optional("test")
                .map(value -> source(value, data.path("test"), baseDirectory))
                .orElse(null);
        return new DataSpec(train, test);
    }

    private static DataSource source(SpecNode node, String path, Path baseDirectory) {
        if (node instanceof MapNode) {
            MapReader idx = MapReader.of(node, path, "", IDX_KEYS);
            return new DataSource.Idx(
                    file(idx.required("images"), idx.path("images"), "a file path", baseDirectory),
                    file(idx.required("labels"), idx.path("labels"), "a file path", baseDirectory));
        }
        return new DataSource.Csv(file(node, path,
                "a CSV file path or a mapping with images and labels (IDX files)", baseDirectory));
    }

    /** @param expected what {@code node} should be, for the error when it is no scalar */
    private static Path file(SpecNode node, String path, String expected, Path baseDirectory) {
        String text = ScalarReader.text(node, path, expected);
        if (text.isBlank()) {
            throw SpecException.at(node.position(), path,
                    "expected a file path, got " + Messages.describe(node));
        }
        try {
            return baseDirectory.resolve(Path.of(text)).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw SpecException.at(node.position(), path,
                    Messages.quote(text) + " is not a valid file path");
        }
    }
}
