package dev.chainrule.cli;

import dev.chainrule.Chainrule;
import dev.chainrule.codegen.Backend;
import dev.chainrule.runtime.Initializer;
import dev.chainrule.runtime.Network;
import dev.chainrule.runtime.WeightsJson;
import dev.chainrule.spec.NetworkSpec;
import dev.chainrule.spec.SpecParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The steps every command shares: read a description, compile it in process, initialize it. */
final class Networks {

    private Networks() {
    }

    /** Reads and validates a description; problems are {@code SpecException}s. */
    static NetworkSpec parse(Path description) {
        return SpecParser.parse(description);
    }

    /** Compiles {@code spec} with {@code backend} and returns a fresh, all-zero instance. */
    static Network instantiate(NetworkSpec spec, Backend backend) {
        return backend.instantiate(Chainrule.compile(spec).lowered());
    }

    /** A fresh instance of {@code spec} with its starting values (see {@link #initialize}). */
    static Network initialized(NetworkSpec spec, Backend backend, long seed) {
        Network net = instantiate(spec, backend);
        initialize(net, spec, seed);
        return net;
    }

    /**
     * Starting values: every parameter drawn from its initializer and {@code seed}, then the
     * description's explicit {@code init} values on top.
     */
    static void initialize(Network net, NetworkSpec spec, long seed) {
        Initializer.initialize(net, seed);
        spec.init().forEach((parameter, values) -> net.setParameter(parameter, values.values()));
    }

    /** Sets every parameter from a weights file; it must name them all, with their shapes. */
    static void loadWeights(Network net, Path file) {
        WeightsJson.read(DataSources.file(file)).applyTo(net);
    }

    /** Saves every parameter as JSON, all or nothing. */
    static void saveWeights(Network net, Path file) {
        String json;
        try {
            json = WeightsJson.toJson(net);
        } catch (IllegalArgumentException e) {
            throw new UserError(file + ": " + e.getMessage(), e);
        }
        OutputFiles.write(file, json.getBytes(StandardCharsets.UTF_8));
    }
}
