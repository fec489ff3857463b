package dev.chainrule.lower;

/**
 * Java identifiers from IR labels, so the code reads like the math ({@code layer1_z},
 * {@code d_layer1_z}). Labels come from validated names, and anything outside
 * {@code [A-Za-z0-9_]} is replaced, so no description can inject code; {@link GraphStorage}
 * makes them unique within a class.
 */
final class Names {

    private Names() {}

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
