package dev.chainrule.codegen;

import dev.chainrule.loops.LoweredClass;
import dev.chainrule.runtime.Network;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Loads each test class once per backend: javac takes a while, and properties run often. */
final class LoadedClasses {

    private static final Map<List<Object>, Class<? extends Network>> CACHE =
            new ConcurrentHashMap<>();

    private LoadedClasses() {}

    static Network instantiate(Backend backend, LoweredClass lowered) {
        return Backend.newInstance(CACHE.computeIfAbsent(List.of(backend, lowered),
                key -> backend.load(lowered)));
    }
}
