package dev.chainrule.spark;

import dev.chainrule.Chainrule;
import dev.chainrule.StartingValues;
import dev.chainrule.codegen.Backend;
import dev.chainrule.onnx.OnnxImport;
import dev.chainrule.runtime.Network;
import dev.chainrule.runtime.WeightsJson;
import dev.chainrule.description.Descriptions;
import dev.chainrule.description.SpecException;
import java.io.IOException;
import java.io.Serializable;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A description's text and the name its messages use: what the driver ships to executors
 * instead of a generated class. Every JVM compiles it once (the bytecode backend takes about a
 * millisecond) and keeps the loaded class; {@link #newNetwork()} is an all-zero instance of it.
 * An ONNX model travels as what {@code chainrule import} makes of it: the graph description's
 * text and {@code values}, its initializers as weights JSON (the params' starting values and
 * the constants' values).
 *
 * <pre>{@code
 * Description d = new Description(yamlText, "net.yaml");
 * Network net = d.initialized(2);   // starting values of chainrule train, seed 2
 * }</pre>
 */
record Description(String text, String displayName, String values) implements Serializable {

    private static final ConcurrentHashMap<Description, Class<? extends Network>> LOADED =
            new ConcurrentHashMap<>();

    Description {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(displayName, "displayName");
    }

    /** A YAML or JSON description, values (if any) in files it names. */
    Description(String text, String displayName) {
        this(text, displayName, null);
    }

    /**
     * An ONNX model's bytes, imported as the CLI imports a {@code .onnx} file; messages name it
     * {@code location}.
     *
     * @throws IllegalArgumentException with the importer's one-line message
     */
    static Description fromOnnx(byte[] model, String location) {
        Path directory = null;
        try {
            directory = Files.createTempDirectory("chainrule-onnx");
            Path file = Files.write(directory.resolve(Path.of(location).getFileName()
                    .toString()), model);
            OnnxImport.Result imported = OnnxImport.read(file, null, null);
            return new Description(imported.yaml(null), location, imported.weightsJson());
        } catch (SpecException e) {
            throw new IllegalArgumentException(e.getMessage().replace(
                    directory.resolve(Path.of(location).getFileName()).toString(), location), e);
        } catch (IOException e) {
            throw new UncheckedIOException(location + ": cannot stage the ONNX model", e);
        } finally {
            deleteQuietly(directory);
        }
    }

    private static void deleteQuietly(Path directory) {
        if (directory == null) {
            return;
        }
        try (var files = Files.list(directory)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            // a temporary directory left behind: harmless
        }
    }

    /**
     * The validated description.
     *
     * @throws IllegalArgumentException with the one-line, located message of a bad description
     */
    dev.chainrule.description.Description spec() {
        try {
            return values == null ? Descriptions.parse(text, displayName, null)
                    : Descriptions.parseGraph(text, displayName, null,
                            WeightsJson.read(new StringReader(values), displayName));
        } catch (SpecException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** A fresh instance of the compiled class; parameters all zero. */
    Network newNetwork() {
        return Backend.newInstance(LOADED.computeIfAbsent(this,
                d -> Backend.BYTECODE.load(Chainrule.compile(d.spec()).lowered())));
    }

    /**
     * An instance with the starting values of {@code chainrule train} with {@code seed}: every
     * parameter drawn from its initializer and the seed, then the description's {@code init}
     * values on top.
     */
    Network initialized(long seed) {
        Network net = newNetwork();
        StartingValues.apply(net, spec(), seed);
        return net;
    }
}
