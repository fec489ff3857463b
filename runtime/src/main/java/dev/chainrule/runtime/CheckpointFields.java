package dev.chainrule.runtime;

import java.io.File;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A checkpoint file's top-level fields, each with where it starts, and typed getters that check
 * every value as strictly as a description is checked: a problem reads
 * {@code c.json:7:18: epochs_done: expected a whole number >= 0, got -1}, or for a value inside
 * a field {@code c.json:30:14: history[0][2]: expected a number in a string, got ["a"]}.
 */
final class CheckpointFields {

    /** A field's value and the position of its first character. */
    private static final class Field {
        final Object value;
        final int line;
        final int column;

        Field(Object value, int line, int column) {
            this.value = value;
            this.line = line;
            this.column = column;
        }
    }

    private final String file;
    private final Map<String, Field> fields = new LinkedHashMap<>();

    private CheckpointFields(String file) {
        this.file = file;
    }

    /** Reads the file's top-level object; JSON syntax errors are located by the reader. */
    static CheckpointFields read(File file) {
        String name = DataFiles.displayName(file);
        CheckpointFields result = new CheckpointFields(name);
        Reader reader = DataFiles.openReader(file);
        try {
            JsonReader json = new JsonReader(reader, name);
            if (json.peek() != JsonReader.Kind.OBJECT) {
                throw json.error("not a checkpoint (expected a JSON object)");
            }
            json.beginObject();
            while (json.hasNext()) {
                int nameLine = json.line();
                int nameColumn = json.column();
                String key = json.nextName();
                if (result.fields.containsKey(key)) {
                    throw json.errorAt(nameLine, nameColumn, "duplicate name '" + key + "'");
                }
                int line = json.line();
                int column = json.column();
                result.fields.put(key, new Field(json.readValue(), line, column));
            }
            json.endObject();
            json.endDocument();
        } finally {
            DataFiles.closeQuietly(reader);
        }
        return result;
    }

    String file() {
        return file;
    }

    boolean has(String key) {
        return fields.containsKey(key) && fields.get(key).value != null;
    }

    /** The raw value of a field that must be there. */
    Object value(String key) {
        return field(key).value;
    }

    String string(String key) {
        Object value = value(key);
        if (!(value instanceof String)) {
            throw error(key, key, "expected a string, got " + show(value));
        }
        return (String) value;
    }

    boolean bool(String key) {
        Object value = value(key);
        if (!(value instanceof Boolean)) {
            throw error(key, key, "expected true or false, got " + show(value));
        }
        return (Boolean) value;
    }

    /** A whole number in {@code [min, max]}. */
    long whole(String key, long min, long max) {
        return whole(key, key, value(key), min, max);
    }

    long whole(String key, String path, Object value, long min, long max) {
        if (!(value instanceof Double) || (Double) value != Math.rint((Double) value)
                || (Double) value < min || (Double) value > max) {
            throw error(key, path, "expected a whole number "
                    + (max >= Integer.MAX_VALUE ? ">= " + min
                            : "from " + min + " to " + max) + ", got " + show(value));
        }
        return (long) (double) (Double) value;
    }

    /** A number written as a string in {@link Double#toString} form ("NaN", "Infinity" too). */
    double numberString(String key, String path, Object value) {
        if (value instanceof String) {
            String text = ((String) value).trim();
            if (text.matches("-?(Infinity|NaN|[0-9][0-9.]*([eE][-+]?[0-9]+)?)")) {
                try {
                    return Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    // falls through to the error below
                }
            }
        }
        throw error(key, path, "expected a number in a string (like \"0.01\", \"Infinity\"),"
                + " got " + show(value));
    }

    double numberString(String key) {
        return numberString(key, key, value(key));
    }

    /** A list at {@code path} inside field {@code key}. */
    List<?> list(String key, String path, Object value) {
        if (!(value instanceof List)) {
            throw error(key, path, "expected a list, got " + show(value));
        }
        return (List<?>) value;
    }

    /**
     * Parameter arrays: an object with each of the network's parameters as Base64 of big-endian
     * doubles, of the parameter's size, every value finite and (for a float network) within
     * float range.
     */
    double[][] arrays(String key, String path, Object value, Network net) {
        if (!(value instanceof Map)) {
            throw error(key, path, "expected an object of parameter arrays, got " + show(value));
        }
        Map<?, ?> map = (Map<?, ?>) value;
        String[] names = net.parameterNames();
        for (Object name : map.keySet()) {
            if (!java.util.Arrays.asList(names).contains(name)) {
                throw error(key, path, "unknown parameter '" + name + "' (this network has "
                        + String.join(", ", names) + ")");
            }
        }
        double[][] values = new double[names.length][];
        for (int p = 0; p < names.length; p++) {
            String at = path + "." + names[p];
            Object text = map.get(names[p]);
            if (!(text instanceof String)) {
                throw error(key, at, text == null ? "missing" : "expected Base64 text, got "
                        + show(text));
            }
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode((String) text);
            } catch (IllegalArgumentException e) {
                throw error(key, at, "not Base64 (" + e.getMessage() + ")");
            }
            int size = 1;
            for (int dim : net.parameterShape(names[p])) {
                size *= dim;
            }
            if (bytes.length != size * 8L) {
                throw error(key, at, "holds " + bytes.length / 8.0 + " values, the network's"
                        + " parameter has " + size);
            }
            ByteBuffer in = ByteBuffer.wrap(bytes);
            values[p] = new double[size];
            for (int k = 0; k < size; k++) {
                double v = in.getDouble();
                if (Double.isNaN(v) || Double.isInfinite(v)) {
                    throw error(key, at, "value " + k + " is " + v + "; a checkpoint holds"
                            + " finite values only");
                }
                if (!net.doublePrecision() && Float.isInfinite((float) v)) {
                    throw error(key, at, "value " + k + " is " + v + ", beyond the float range"
                            + " of this network (at most " + Float.MAX_VALUE + ")");
                }
                values[p][k] = v;
            }
        }
        return values;
    }

    /** An error at field {@code key}'s position, naming {@code path} inside it. */
    DataException error(String key, String path, String message) {
        Field field = field(key);
        return DataException.at(file, field.line, field.column, path + ": " + message);
    }

    private Field field(String key) {
        Field field = fields.get(key);
        if (field == null || field.value == null) {
            throw new DataException(file + ": damaged checkpoint: the field '" + key
                    + "' is missing");
        }
        return field;
    }

    /** A value as a message shows it: JSON-like and short. */
    static String show(Object value) {
        String text;
        if (value instanceof String) {
            text = '"' + (String) value + '"';
        } else if (value instanceof Double && (Double) value == Math.rint((Double) value)
                && Math.abs((Double) value) < 1e15) {
            text = Long.toString((long) (double) (Double) value);
        } else {
            text = String.valueOf(value).replace("=", ": ");
        }
        return text.length() > 40 ? text.substring(0, 37) + "..." : text;
    }
}
