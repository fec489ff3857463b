package dev.chainrule.codegen;

import java.util.List;

/** javac rejected a generated source file; the message holds its diagnostics. */
public final class CompilationFailedException extends RuntimeException {

    private final List<String> diagnostics;

    CompilationFailedException(String className, List<String> diagnostics) {
        super("javac failed on " + className + ":\n" + String.join("\n", diagnostics));
        this.diagnostics = List.copyOf(diagnostics);
    }

    /** One line per javac error or warning: {@code Name.java:12:5: error: message}. */
    public List<String> diagnostics() {
        return diagnostics;
    }
}
