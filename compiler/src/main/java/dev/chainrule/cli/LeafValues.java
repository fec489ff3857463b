package dev.chainrule.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.chainrule.description.Messages;
import dev.chainrule.description.Suggestions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values {@code grad} evaluates a graph at: {@code --values V.json} (an object of numbers
 * or nested lists), then {@code --at NAME=NUMBER,...} on top. Each name must be an input or
 * target of the graph and each value its shape; problems are one located line.
 */
final class LeafValues {

    private final Map<String, int[]> shapes;
    private final Map<String, String> roles;
    private final Map<String, double[]> values = new LinkedHashMap<>();

    /** @param shapes every name of the graph; @param roles its role (input, target, ...) */
    LeafValues(Map<String, int[]> shapes, Map<String, String> roles) {
        this.shapes = shapes;
        this.roles = roles;
    }

    Map<String, double[]> values() {
        return values;
    }

    void readAt(List<String> assignments) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String a : assignments) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                throw new UserError("chainrule grad: --at: expected NAME=NUMBER, got "
                        + Messages.quote(a));
            }
            String name = a.substring(0, eq).trim();
            String text = a.substring(eq + 1).trim();
            checkLeaf("chainrule grad: --at", name);
            if (!seen.add(name)) {
                throw new UserError("chainrule grad: --at: " + Messages.quote(name)
                        + " is given twice; give each name once");
            }
            if (shapes.get(name).length != 0) {
                throw new UserError("chainrule grad: --at: " + Messages.quote(name) + " has shape "
                        + shapeText(shapes.get(name)) + "; give it in --values");
            }
            double v;
            try {
                v = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new UserError("chainrule grad: --at: " + Messages.quote(name)
                        + " needs a number, got " + Messages.quote(text));
            }
            values.put(name, new double[] {v});
        }
    }

    void readJson(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": file not found");
        } catch (IOException e) {
            throw new UserError(file + ": cannot read file");
        }
        JsonFactory factory = JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        try (JsonParser p = factory.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw at(file, p.currentTokenLocation(), "expected an object of values such as"
                        + " {\"x\": [1, 2], \"t\": 0.5}");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonLocation where = p.currentTokenLocation();
                try {
                    checkLeaf("", name);
                } catch (UserError e) {
                    throw at(file, where, e.getMessage());
                }
                p.nextToken();
                int[] shape = shapes.get(name);
                List<Double> flat = new ArrayList<>();
                JsonLocation valueAt = p.currentTokenLocation();
                int[] got = read(p, file, name, flat, 0);
                if (!java.util.Arrays.equals(got, shape)) {
                    throw at(file, valueAt, Messages.quote(name) + " has shape " + shapeText(shape)
                            + ", got a value of shape " + shapeText(got));
                }
                values.put(name, flat.stream().mapToDouble(Double::doubleValue).toArray());
            }
            if (p.nextToken() != null) {
                throw at(file, p.currentTokenLocation(), "unexpected text after the object");
            }
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            throw new UserError(file + ":" + l.getLineNr() + ":" + l.getColumnNr() + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse("bad JSON"));
        } catch (IOException e) {
            throw new UserError(file + ": cannot read file");
        }
    }

    /** Reads a number or a (nested, rectangular) list; returns its shape. */
    private static int[] read(JsonParser p, Path file, String name, List<Double> flat, int depth)
            throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            flat.add(p.getDoubleValue());
            return new int[0];
        }
        if (t != JsonToken.START_ARRAY || depth >= dev.chainrule.graph.Shape.MAX_RANK) {
            throw at(file, p.currentTokenLocation(), Messages.quote(name)
                    + ": expected a number or a list of numbers (at most "
                    + dev.chainrule.graph.Shape.MAX_RANK + " levels)");
        }
        int count = 0;
        int[] inner = null;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            JsonLocation where = p.currentTokenLocation();
            int[] s = read(p, file, name, flat, depth + 1);
            if (inner != null && !java.util.Arrays.equals(inner, s)) {
                throw at(file, where, Messages.quote(name) + ": rows of different lengths");
            }
            inner = s;
            count++;
        }
        if (count == 0) {
            throw at(file, p.currentTokenLocation(), Messages.quote(name) + ": an empty list");
        }
        int[] shape = new int[inner.length + 1];
        shape[0] = count;
        System.arraycopy(inner, 0, shape, 1, inner.length);
        return shape;
    }

    private void checkLeaf(String where, String name) {
        String prefix = where.isEmpty() ? "" : where + ": ";
        String role = roles.get(name);
        if (role == null) {
            List<String> leaves = roles.entrySet().stream()
                    .filter(e -> e.getValue().equals("input") || e.getValue().equals("target"))
                    .map(Map.Entry::getKey).toList();
            throw new UserError(prefix + "unknown input or target " + Messages.quote(name)
                    + " (expected one of " + String.join(", ", leaves)
                    + Suggestions.closest(name, leaves).map(s -> "; did you mean "
                    + Messages.quote(s) + "?").orElse("") + ")");
        }
        if (!role.equals("input") && !role.equals("target")) {
            throw new UserError(prefix + Messages.quote(name) + " is a " + role
                    + (role.equals("param") ? ": params come from their init or --weights"
                    : ": only inputs and targets take values"));
        }
    }

    private static UserError at(Path file, JsonLocation l, String problem) {
        return new UserError(file + ":" + l.getLineNr() + ":" + l.getColumnNr() + ": " + problem);
    }

    static String shapeText(int[] shape) {
        return java.util.Arrays.toString(shape);
    }
}
