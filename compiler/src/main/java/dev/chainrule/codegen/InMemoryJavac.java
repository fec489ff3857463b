package dev.chainrule.codegen;

import dev.chainrule.runtime.GeneratedNetwork;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles one Java source file in memory with the JDK's javac, for Java 8
 * ({@code --release 8}) against the Chainrule runtime, and returns the class files.
 *
 * <pre>{@code
 * Map<String, byte[]> classes = InMemoryJavac.compile("nets.Iris", SourceBackend.emit(lowered));
 * }</pre>
 */
public final class InMemoryJavac {

    private InMemoryJavac() {}

    /**
     * @param qualifiedName the top-level class the source declares, like {@code nets.Iris}
     * @return binary class name to class file, for every class the source declares
     * @throws CompilationFailedException with javac's diagnostics if the source does not compile
     * @throws IllegalStateException when running on a JRE without javac
     */
    public static Map<String, byte[]> compile(String qualifiedName, String source) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no Java compiler: run on a JDK, not a JRE");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<String, ByteArrayOutputStream> outputs = new LinkedHashMap<>();
        StandardJavaFileManager standard = javac.getStandardFileManager(diagnostics,
                Locale.ROOT, null);
        JavaFileManager memory = new ForwardingJavaFileManager<>(standard) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String className,
                                                       JavaFileObject.Kind kind,
                                                       FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/')
                        + kind.extension), kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                        outputs.put(className, bytes);
                        return bytes;
                    }
                };
            }
        };
        List<String> options = List.of("--release", "8", "-classpath", classpath(),
                "-proc:none", "-Xlint:-options");
        boolean ok = javac.getTask(null, memory, diagnostics, options, null,
                List.of(new SourceFile(qualifiedName, source))).call();
        if (!ok) {
            List<String> messages = new ArrayList<>();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                messages.add(format(qualifiedName, d));
            }
            throw new CompilationFailedException(qualifiedName, messages);
        }
        Map<String, byte[]> classes = new LinkedHashMap<>();
        outputs.forEach((name, bytes) -> classes.put(name, bytes.toByteArray()));
        return classes;
    }

    /** Where {@code GeneratedNetwork} was loaded from, then the JVM's own class path. */
    static String classpath() {
        List<String> entries = new ArrayList<>();
        CodeSource codeSource = GeneratedNetwork.class.getProtectionDomain().getCodeSource();
        if (codeSource != null && codeSource.getLocation() != null) {
            try {
                entries.add(Path.of(codeSource.getLocation().toURI()).toString());
            } catch (URISyntaxException | IllegalArgumentException e) {
                // Not a file location (a custom loader); the class path may still hold it.
            }
        }
        entries.add(System.getProperty("java.class.path", ""));
        return String.join(File.pathSeparator, entries);
    }

    private static String format(String qualifiedName, Diagnostic<? extends JavaFileObject> d) {
        String file = qualifiedName.substring(qualifiedName.lastIndexOf('.') + 1) + ".java";
        return file + ":" + d.getLineNumber() + ":" + d.getColumnNumber() + ": "
                + d.getKind().toString().toLowerCase(Locale.ROOT) + ": "
                + d.getMessage(Locale.ROOT);
    }

    /** The source text as a compilation unit javac can read from memory. */
    private static final class SourceFile extends SimpleJavaFileObject {

        private final String source;

        SourceFile(String qualifiedName, String source) {
            super(URI.create("string:///" + qualifiedName.replace('.', '/')
                    + Kind.SOURCE.extension), Kind.SOURCE);
            this.source = source;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return source;
        }
    }
}
