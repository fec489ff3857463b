package dev.chainrule.codegen;

import dev.chainrule.runtime.GeneratedNetwork;
import java.util.Map;

/**
 * Defines generated classes from their class files. Its parent is the loader of
 * {@link GeneratedNetwork}, so generated classes link against the very runtime classes the
 * caller uses, and each loader can hold its own version of a class name.
 */
public final class GeneratedClassLoader extends ClassLoader {

    private final Map<String, byte[]> classFiles;

    /** @param classFiles binary class name (like {@code nets.Iris}) to class file */
    public GeneratedClassLoader(Map<String, byte[]> classFiles) {
        super(GeneratedNetwork.class.getClassLoader());
        this.classFiles = Map.copyOf(classFiles);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] classFile = classFiles.get(name);
        if (classFile == null) {
            throw new ClassNotFoundException(name);
        }
        return defineClass(name, classFile, 0, classFile.length);
    }
}
