package dev.chainrule.description;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Rules for the names a description puts into generated Java source: the class name, the
 * package and layer names. Deliberately narrower than Java: ASCII letters, digits and
 * underscores only, starting with a letter, so a name can never smuggle code, comments or
 * look-alike characters into the output.
 */
final class JavaNames {

    static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    /** Java 17 keywords and literals (JLS 3.9, 3.10.3, 3.10.8). */
    static final Set<String> KEYWORDS = Set.of(
            "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class",
            "const", "continue", "default", "do", "double", "else", "enum", "extends", "final",
            "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int",
            "interface", "long", "native", "new", "package", "private", "protected", "public",
            "return", "short", "static", "strictfp", "super", "switch", "synchronized", "this",
            "throw", "throws", "transient", "try", "void", "volatile", "while",
            "true", "false", "null");

    /** Contextual keywords that cannot name a type (JLS 3.9 TypeIdentifier). */
    private static final Set<String> NOT_TYPE_NAMES =
            Set.of("var", "yield", "record", "sealed", "permits");

    /** Packages whose simple class names generated code refers to unqualified. */
    private static final String[] IMPLICIT_PACKAGES = {"java.lang.", "dev.chainrule.runtime."};

    private JavaNames() {}

    /** Why {@code name} cannot be the generated class's name, or {@code null} if it can. */
    static String classNameProblem(String name) {
        String problem = identifierProblem(name, "class name", "'MyNet'");
        if (problem != null) {
            return problem;
        }
        if (NOT_TYPE_NAMES.contains(name)) {
            return quoted(name) + " cannot name a Java class; choose another name";
        }
        for (String packagePrefix : IMPLICIT_PACKAGES) {
            if (classExists(packagePrefix + name)) {
                return quoted(name) + " would hide " + packagePrefix + name
                        + " in the generated code; choose another name";
            }
        }
        return null;
    }

    /** Why {@code name} cannot be a layer name, or {@code null} if it can. */
    static String layerNameProblem(String name) {
        return identifierProblem(name, "layer name", "'hidden'");
    }

    /** Why {@code name} cannot be the generated package, or {@code null} if it can. */
    static String packageProblem(String name) {
        if (Limits.nameLengthProblem(name) != null) {
            return Limits.nameLengthProblem(name);
        }
        for (String segment : name.split("\\.", -1)) {
            if (!IDENTIFIER.matcher(segment).matches()) {
                return quoted(name) + " is not a valid package name (expected identifiers of"
                        + " letters, digits and underscores separated by dots, such as"
                        + " 'samples.nets')";
            }
            if (KEYWORDS.contains(segment)) {
                return quoted(name) + " is not a valid package name: " + quoted(segment)
                        + " is a Java keyword";
            }
        }
        if (name.equals("java") || name.startsWith("java.")) {
            return quoted(name) + " is reserved for the JDK; choose another package";
        }
        return null;
    }

    private static String identifierProblem(String name, String what, String example) {
        if (name.isEmpty()) {
            return "expected a " + what + " such as " + example + ", got an empty string";
        }
        if (Limits.nameLengthProblem(name) != null) {
            return Limits.nameLengthProblem(name);
        }
        if (!IDENTIFIER.matcher(name).matches()) {
            return quoted(name) + " is not a valid " + what
                    + " (expected letters, digits and underscores, starting with a letter)";
        }
        if (KEYWORDS.contains(name)) {
            return quoted(name) + " is a Java keyword; choose another name";
        }
        return null;
    }

    private static boolean classExists(String qualifiedName) {
        try {
            Class.forName(qualifiedName, false, JavaNames.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static String quoted(String text) {
        return Messages.quote(text);
    }
}
