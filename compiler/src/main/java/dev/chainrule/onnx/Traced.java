package dev.chainrule.onnx;

import java.util.List;

/**
 * A value of the description: an input, param, constant or graph line, with its per-sample
 * shape (the ONNX shape without the batch).
 */
record Traced(String name, List<Integer> shape) implements Value {

    Traced {
        shape = List.copyOf(shape);
    }

    int rank() {
        return shape.size();
    }
}
