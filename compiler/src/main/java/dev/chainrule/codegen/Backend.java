package dev.chainrule.codegen;

import dev.chainrule.loops.LoweredClass;
import dev.chainrule.runtime.Network;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;

/**
 * The two ways to turn a lowered class into a loaded one. Both are fed the same
 * {@link LoweredClass} and give classes that compute bit-identical results.
 *
 * <pre>{@code
 * Network net = Backend.BYTECODE.instantiate(lowered);
 * net.trainBatch(xs, ts, order, 0, 32, 0.01);
 * }</pre>
 */
public enum Backend {

    /** {@link SourceBackend} compiled by {@link InMemoryJavac}: slower, but readable. */
    SOURCE {
        @Override
        public Map<String, byte[]> classFiles(LoweredClass lowered) {
            return InMemoryJavac.compile(lowered.qualifiedName(), SourceBackend.emit(lowered));
        }
    },

    /** {@link BytecodeBackend}: class files directly, no JDK compiler needed. */
    BYTECODE {
        @Override
        public Map<String, byte[]> classFiles(LoweredClass lowered) {
            return Map.of(lowered.qualifiedName(), BytecodeBackend.emit(lowered));
        }
    };

    /** Binary class name to class file for everything {@code lowered} becomes. */
    public abstract Map<String, byte[]> classFiles(LoweredClass lowered);

    /** Defines the class in a fresh {@link GeneratedClassLoader}. */
    public Class<? extends Network> load(LoweredClass lowered) {
        GeneratedClassLoader loader = new GeneratedClassLoader(classFiles(lowered));
        try {
            return Class.forName(lowered.qualifiedName(), true, loader).asSubclass(Network.class);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(lowered.qualifiedName() + " was not generated", e);
        }
    }

    /** A new instance of the loaded class, through its public no-argument constructor. */
    public Network instantiate(LoweredClass lowered) {
        return newInstance(load(lowered));
    }

    /** A new instance of a class {@link #load} returned. */
    public static Network newInstance(Class<? extends Network> type) {
        try {
            return type.getConstructor().newInstance();
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("constructor of " + type.getName() + " failed",
                    e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot instantiate " + type.getName(), e);
        }
    }
}
