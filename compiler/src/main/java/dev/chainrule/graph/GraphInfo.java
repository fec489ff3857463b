package dev.chainrule.graph;

import java.util.List;
import java.util.Map;

/**
 * What the lowering needs beyond the nodes, carried on the graph so that it never reads the
 * description: the class to generate, the precision, the output and loss, and how each param
 * starts.
 *
 * @param names every description name in declaration order: inputs, targets, params, nodes
 * @param initializers param name → its initializer's spelling for the runtime (such as
 *     {@code zeros} or {@code he_normal}); params with literal values are absent
 * @param initialValues param name → literal initial values, row-major
 * @param header comment lines for the generated class
 * @param classifier whether the output is class probabilities (the layer form's softmax
 *     cross-entropy): the runtime then reports accuracy and reads class-index labels
 * @param trainingSettings the description's training settings as the runtime's
 *     {@code TrainingSettings} JSON, which the class carries; "" for none
 */
public record GraphInfo(String className, String packageName, boolean doublePrecision,
                        String output, String loss, List<String> names,
                        Map<String, String> initializers, Map<String, double[]> initialValues,
                        List<String> header, boolean classifier, String trainingSettings) {

    /** A graph without training settings (built by hand, not from a description). */
    public GraphInfo(String className, String packageName, boolean doublePrecision,
                     String output, String loss, List<String> names,
                     Map<String, String> initializers, Map<String, double[]> initialValues,
                     List<String> header, boolean classifier) {
        this(className, packageName, doublePrecision, output, loss, names, initializers,
                initialValues, header, classifier, "");
    }

    public GraphInfo {
        names = List.copyOf(names);
        initializers = Map.copyOf(initializers);
        initialValues = Map.copyOf(initialValues);
        header = List.copyOf(header);
    }
}
