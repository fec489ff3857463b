package dev.chainrule.description;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import javax.lang.model.SourceVersion;
import org.junit.jupiter.api.Test;

class JavaNamesTest {

    @Test
    void acceptsPlainAsciiNames() {
        assertNull(JavaNames.classNameProblem("WorkedExample"));
        assertNull(JavaNames.classNameProblem("net_2"));
        assertNull(JavaNames.layerNameProblem("hidden"));
        assertNull(JavaNames.packageProblem("samples.nets"));
        assertNull(JavaNames.packageProblem("javax.nets"));
    }

    @Test
    void keywordsMatchTheJdksList() {
        for (String keyword : JavaNames.KEYWORDS) {
            assertEquals(true, SourceVersion.isKeyword(keyword, SourceVersion.RELEASE_17),
                    keyword);
        }
        assertEquals("'goto' is a Java keyword; choose another name",
                JavaNames.classNameProblem("goto"));
        assertEquals("'null' is a Java keyword; choose another name",
                JavaNames.layerNameProblem("null"));
    }

    @Test
    void refusesNamesThatWouldBreakOrHideGeneratedCode() {
        assertEquals("'String' would hide java.lang.String in the generated code; choose"
                + " another name", JavaNames.classNameProblem("String"));
        assertEquals("'yield' cannot name a Java class; choose another name",
                JavaNames.classNameProblem("yield"));
        assertNotNull(JavaNames.classNameProblem("Caf\u00e9"));
        assertNotNull(JavaNames.classNameProblem("A\u200bB"));
        assertNotNull(JavaNames.classNameProblem("a$b"));
        assertNull(JavaNames.layerNameProblem("var"));
    }

    @Test
    void packageProblems() {
        assertEquals("'a.' is not a valid package name (expected identifiers of letters, digits"
                + " and underscores separated by dots, such as 'samples.nets')",
                JavaNames.packageProblem("a."));
        assertEquals("'java' is reserved for the JDK; choose another package",
                JavaNames.packageProblem("java"));
    }
}
