package dev.chainrule.spark;

import dev.chainrule.Chainrule;
import dev.chainrule.StartingValues;
import dev.chainrule.codegen.Backend;
import dev.chainrule.runtime.Network;
import dev.chainrule.spec.Descriptions;
import dev.chainrule.spec.SpecException;
import java.io.Serializable;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A description's text and the name its messages use: what the driver ships to executors
 * instead of a generated class. Every JVM compiles it once (the bytecode backend takes about a
 * millisecond) and keeps the loaded class; {@link #newNetwork()} is an all-zero instance of it.
 *
 * <pre>{@code
 * Description d = new Description(yamlText, "net.yaml");
 * Network net = d.initialized(2);   // starting values of chainrule train, seed 2
 * }</pre>
 */
record Description(String text, String displayName) implements Serializable {

    private static final ConcurrentHashMap<Description, Class<? extends Network>> LOADED =
            new ConcurrentHashMap<>();

    Description {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(displayName, "displayName");
    }

    /**
     * The validated description.
     *
     * @throws IllegalArgumentException with the one-line, located message of a bad description
     */
    dev.chainrule.spec.Description spec() {
        try {
            return Descriptions.parse(text, displayName, null);
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
