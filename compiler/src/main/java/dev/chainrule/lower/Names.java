package dev.chainrule.lower;

import java.util.HashSet;
import java.util.Set;

/**
 * Hands out Java identifiers for generated fields and locals: derived from IR labels so the code
 * reads like the math ({@code layer1_z}, {@code d_layer1_z}), unique within a class. Labels come
 * from validated layer names, and anything outside {@code [A-Za-z0-9_]} is replaced, so no
 * description can inject code.
 */
final class Names {

    private final Set<String> taken = new HashSet<>();

    Names(String... reserved) {
        taken.addAll(Set.of(reserved));
    }

    String unique(String label) {
        String base = sanitize(label);
        String name = base;
        for (int n = 2; !taken.add(name); n++) {
            name = base + "_" + n;
        }
        return name;
    }

    static String sanitize(String label) {
        StringBuilder out = new StringBuilder();
        for (char c : label.replace("'", "_prime").toCharArray()) {
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (ok) {
                out.append(c);
            } else if (out.length() > 0 && out.charAt(out.length() - 1) != '_') {
                out.append('_');
            }
        }
        while (out.length() > 0 && out.charAt(out.length() - 1) == '_') {
            out.setLength(out.length() - 1);
        }
        if (out.length() == 0 || Character.isDigit(out.charAt(0))) {
            out.insert(0, 'v');
        }
        return out.toString();
    }
}
