package dev.chainrule.cli;

import dev.chainrule.codegen.Backend;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --backend source|bytecode} (any case) into a {@link Backend}. */
final class BackendOption implements ITypeConverter<Backend>, Iterable<String> {

    private static final List<String> NAMES = List.of("bytecode", "source");

    @Override
    public Backend convert(String value) {
        String name = value.toLowerCase(Locale.ROOT);
        if (name.equals("bytecode")) {
            return Backend.BYTECODE;
        }
        if (name.equals("source")) {
            return Backend.SOURCE;
        }
        throw new TypeConversionException("expected bytecode or source, got '" + value + "'");
    }

    /** The names, for picocli's {@code ${COMPLETION-CANDIDATES}}. */
    @Override
    public java.util.Iterator<String> iterator() {
        return NAMES.iterator();
    }
}
