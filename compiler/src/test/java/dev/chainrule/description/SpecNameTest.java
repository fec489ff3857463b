package dev.chainrule.description;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import javax.lang.model.SourceVersion;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever a description puts in {@code name}, the parser either returns a plain Java
 * identifier or refuses it with a located message: nothing can be injected into generated code.
 */
class SpecNameTest {

    private static final String REST = """
            input: 2
            layers: [{units: 1, activation: sigmoid}]
            loss: mse
            """;

    @Property(tries = 1000)
    void aNameIsAPlainIdentifierOrRefused(@ForAll("names") String name) {
        String yaml = "name: " + doubleQuoted(name) + "\n" + REST;
        NetworkSpec spec;
        try {
            spec = SpecParser.parse(yaml, "net.yaml", SpecAssertions.BASE);
        } catch (SpecException e) {
            assertTrue(e.getMessage().startsWith("net.yaml:1:7: name: "), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
            return;
        }
        assertEquals(name, spec.name());
        assertTrue(SourceVersion.isIdentifier(name) && !SourceVersion.isKeyword(name), name);
        assertTrue(name.matches("[A-Za-z][A-Za-z0-9_]*"), name);
    }

    @Property(tries = 300)
    void aLayerNameIsAPlainIdentifierOrRefused(@ForAll("names") String name) {
        String yaml = "name: Net\ninput: 2\nlayers:\n  - name: " + doubleQuoted(name)
                + "\n    units: 1\n    activation: sigmoid\nloss: mse\n";
        NetworkSpec spec;
        try {
            spec = SpecParser.parse(yaml, "net.yaml", SpecAssertions.BASE);
        } catch (SpecException e) {
            assertTrue(e.getMessage().startsWith("net.yaml:4:11: layers[0].name: "),
                    e.getMessage());
            return;
        }
        assertTrue(SourceVersion.isName(spec.layers().get(0).name()), name);
        assertTrue(spec.layers().get(0).name().matches("[A-Za-z][A-Za-z0-9_]*"), name);
    }

    @Provide
    Arbitrary<String> names() {
        Arbitrary<String> identifierLike = Arbitraries.strings()
                .withChars("abcXYZ019_$")
                .ofMinLength(0).ofMaxLength(10);
        Arbitrary<String> junk = Arbitraries.strings()
                .withChars("aZ9_$;/*(){}.\"'\\ \n\t\u0000-+=<>@#!?,:`|&%^~")
                .withChars("\u00e9\u03a9\u0430\u200b\u202e\u00a0\ufeff\u2028")
                .ofMinLength(0).ofMaxLength(12);
        Arbitrary<String> attacks = Arbitraries.of(
                "A;System.exit(1)", "a/*", "A{}class B", "Net extends Object", "A\u202eB",
                "\u0410bc", "Net\n", "class", "_", "var", "String", "Object", "Math", "java",
                "A$B", "Ab\u200b", "Caf\u00e9", "Net//", "N\\u0065t", "null", "true", "Record");
        return Arbitraries.oneOf(identifierLike, junk, attacks);
    }

    /** A YAML double-quoted scalar that stands for exactly {@code text}. */
    private static String doubleQuoted(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
