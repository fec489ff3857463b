package dev.chainrule.tests.embedding;

import dev.chainrule.runtime.Network;
import dev.chainrule.samples.App;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where the built runtime and samples are: their jars in a {@code verify} or {@code install}
 * build, their class directories when only {@code test} ran.
 */
final class Artifacts {

    private Artifacts() {}

    /** The chainrule-runtime jar (or classes). */
    static Path runtime() {
        return locationOf(Network.class);
    }

    /** The chainrule-samples jar (or classes): the app and the classes generated for it. */
    static Path samples() {
        return locationOf(App.class);
    }

    /** The sample data, {@code samples/data}. */
    static Path sampleData() {
        return Path.of(System.getProperty("chainrule.samples.data", "../samples/data"));
    }

    /** The repository root, for reading the modules' POMs. */
    static Path root() {
        return Path.of(System.getProperty("chainrule.root", ".."));
    }

    private static Path locationOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A class file's bytes, by its path inside the artifact. */
    record ClassFile(String name, byte[] bytes) {
        int majorVersion() {
            return ((bytes[6] & 0xff) << 8) | (bytes[7] & 0xff);
        }
    }

    /** Every {@code .class} entry of a jar or class directory. */
    static List<ClassFile> classFiles(Path artifact) throws IOException {
        if (Files.isDirectory(artifact)) {
            return classFilesBelow(artifact);
        }
        try (FileSystem jar = FileSystems.newFileSystem(artifact, Map.of())) {
            return classFilesBelow(jar.getPath("/"));
        }
    }

    private static List<ClassFile> classFilesBelow(Path root) throws IOException {
        List<ClassFile> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    classes.add(new ClassFile(root.relativize(file).toString(), in.readAllBytes()));
                }
            }
        }
        return classes;
    }
}
