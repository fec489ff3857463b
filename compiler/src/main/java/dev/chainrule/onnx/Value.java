package dev.chainrule.onnx;

/** What an ONNX value is during an import: known before any sample, or computed per sample. */
sealed interface Value permits Folded, Traced, Padded {}
