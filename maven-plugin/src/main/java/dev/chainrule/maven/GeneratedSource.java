package dev.chainrule.maven;

import java.util.Objects;

/**
 * One description's generated class, held in memory until every description has compiled.
 *
 * @param qualifiedName binary name of the class, like {@code dev.chainrule.samples.Iris}
 * @param source the Java source of the class
 */
record GeneratedSource(String qualifiedName, String source) {

    GeneratedSource {
        Objects.requireNonNull(qualifiedName, "qualifiedName");
        Objects.requireNonNull(source, "source");
    }

    /** The class's simple name, which is the network's name. */
    String simpleName() {
        return qualifiedName.substring(qualifiedName.lastIndexOf('.') + 1);
    }

    /** Where the class goes below the output directory: {@code dev/chainrule/samples/Iris.java}. */
    String relativePath() {
        return qualifiedName.replace('.', '/') + ".java";
    }
}
