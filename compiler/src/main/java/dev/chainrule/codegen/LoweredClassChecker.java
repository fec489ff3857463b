package dev.chainrule.codegen;

import dev.chainrule.loops.LoweredClass;
import dev.chainrule.loops.LoweredField;
import dev.chainrule.loops.LoweredMethod;
import dev.chainrule.loops.Type;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import javax.lang.model.SourceVersion;

/**
 * Checks a lowered class's shape before either backend sees it: its name, its fields, what the
 * constructor binds (parameters, accumulators, row marks) and bakes in, and each method once
 * ({@link LoweredChecker}), so both backends accept exactly the same inputs.
 */
final class LoweredClassChecker {

    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]*={0,2}");

    private LoweredClassChecker() {
    }

    /** Checks a whole class; every {@code Call} must name one of its methods. */
    static void check(ClassMembers members) {
        LoweredClass lowered = members.lowered();
        String where = lowered.simpleName();
        if (!SourceVersion.isName(lowered.qualifiedName())) {
            throw new IllegalArgumentException("'" + lowered.qualifiedName()
                    + "' is not a Java class name");
        }
        Set<String> names = new HashSet<>();
        for (LoweredField field : lowered.fields()) {
            LoweredChecker.requireIdentifier(where, "field", field.name());
            if (!names.add(field.name()) || field.name().equals(GeneratedClassContract.HEADER_FIELD)
                    || field.name().equals(GeneratedClassContract.TRAINING_FIELD)) {
                throw new IllegalArgumentException(where + ": field '" + field.name()
                        + "' declared twice");
            }
            if (field.element().isArray() || field.dims().stream().anyMatch(d -> d < 0)) {
                throw new IllegalArgumentException(where + ": field '" + field.name()
                        + "' must have a scalar element and sizes >= 0");
            }
        }
        for (String name : java.util.stream.Stream.concat(lowered.parameterFields().stream(),
                lowered.gradientFields().stream()).toList()) {
            LoweredField field = members.field(name);
            if (field == null || field.rank() == 0) {
                throw new IllegalArgumentException(where + ": bind names '" + name
                        + "', which is not an array field");
            }
        }
        if (!lowered.rowMarkFields().isEmpty()
                && lowered.rowMarkFields().size() != lowered.gradientFields().size()) {
            throw new IllegalArgumentException(where + ": " + lowered.rowMarkFields().size()
                    + " row mark entries for " + lowered.gradientFields().size() + " accumulators");
        }
        for (String name : lowered.rowMarkFields()) {
            LoweredField field = name.isEmpty() ? null : members.field(name);
            if (!name.isEmpty() && (field == null || field.rank() != 1
                    || field.element() != Type.INT)) {
                throw new IllegalArgumentException(where + ": row marks '" + name
                        + "' is not an int[] field");
            }
        }
        List<String> chunks = lowered.packedParameters();
        for (int c = 0; c < chunks.size(); c++) {
            // Base64 is ASCII, so characters are the bytes the constant pool counts.
            if (chunks.get(c).isEmpty()
                    || chunks.get(c).length() > GeneratedClassContract.MAX_STRING_CONSTANT
                    || !BASE64.matcher(chunks.get(c)).matches()) {
                throw new IllegalArgumentException(where + ": packed parameter chunk " + c
                        + " must be 1 to " + GeneratedClassContract.MAX_STRING_CONSTANT
                        + " Base64 characters");
            }
        }
        Set<String> methodNames = new HashSet<>();
        for (LoweredMethod method : lowered.methods()) {
            if (!methodNames.add(method.name())) {
                throw new IllegalArgumentException(where + ": method '" + method.name()
                        + "' declared twice");
            }
            LoweredChecker.checkMethod(members, method, true);
        }
    }
}
