package dev.chainrule.onnx;

import dev.chainrule.description.SpecException;

/** Problems with an ONNX model are description problems: one line naming the file, exit 2. */
final class OnnxError {

    private OnnxError() {}

    static SpecException of(String file, String problem) {
        return SpecException.inFile(file, problem);
    }
}
