package dev.chainrule.onnx;

import dev.chainrule.description.graph.Expression;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Identifiers for ONNX names, which often are not ones ({@code layers.0.weight},
 * {@code onnx::MatMul_9}, {@code /l1/Gemm_output_0}): every character outside
 * {@code [A-Za-z0-9_]} becomes {@code _}, a leading digit gets a {@code _} before it, and a
 * name already taken (or a function's name such as {@code relu}) is numbered {@code _2},
 * {@code _3}...
 */
final class OnnxNames {

    private final Set<String> taken = new HashSet<>();

    /** A fresh identifier made from {@code onnxName}. */
    String identifier(String onnxName) {
        String base = sanitize(onnxName);
        String name = base;
        for (int k = 2; taken.contains(name) || isFunction(name); k++) {
            name = base + "_" + k;
        }
        taken.add(name);
        return name;
    }

    private static boolean isFunction(String name) {
        return Arrays.stream(Expression.Function.values()).anyMatch(f -> f.spelling().equals(name));
    }

    static String sanitize(String onnxName) {
        StringBuilder out = new StringBuilder();
        for (char c : onnxName.toCharArray()) {
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '_';
            out.append(ok ? c : '_');
        }
        if (out.length() == 0 || Character.isDigit(out.charAt(0))) {
            out.insert(0, '_');
        }
        return out.toString();
    }

    /** {@code lenet-5.onnx} → {@code Lenet5}: the file's stem in UpperCamelCase. */
    static String className(String fileName) {
        String stem = fileName.endsWith(".onnx") ? fileName.substring(0, fileName.length() - 5)
                : fileName;
        StringBuilder out = new StringBuilder();
        boolean upper = true;
        for (char c : stem.toCharArray()) {
            if (c < 128 && Character.isLetterOrDigit(c)) {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            } else {
                upper = true;
            }
        }
        if (out.length() == 0 || Character.isDigit(out.charAt(0))) {
            out.insert(0, "Model");
        }
        return out.toString();
    }
}
