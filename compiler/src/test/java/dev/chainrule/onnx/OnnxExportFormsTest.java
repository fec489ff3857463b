package dev.chainrule.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.graph.op.Op;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The exporter's dispatch is complete: every op kind of the sealed {@link Op} has an ONNX form
 * or a stated reason for having none, so a new op fails here until someone decides. (A
 * compile-time check would need a method on every op record in {@code graph.op}; see
 * {@link OnnxExport#FORMS}.)
 */
class OnnxExportFormsTest {

    @Test
    void everyOpKindHasAnOnnxFormOrAReasonForNone() {
        Set<String> missing = new TreeSet<>();
        Set<String> both = new TreeSet<>();
        for (Class<?> op : Op.class.getPermittedSubclasses()) {
            boolean form = OnnxExport.FORMS.containsKey(op);
            boolean none = OnnxExport.NO_FORM.containsKey(op);
            if (!form && !none) {
                missing.add(op.getSimpleName());
            }
            if (form && none) {
                both.add(op.getSimpleName());
            }
        }
        assertEquals(Set.of(), missing, "op kinds in neither OnnxExport.FORMS nor NO_FORM");
        assertEquals(Set.of(), both, "op kinds in both OnnxExport.FORMS and NO_FORM");
        assertEquals(Op.class.getPermittedSubclasses().length,
                OnnxExport.FORMS.size() + OnnxExport.NO_FORM.size());
    }

    @Test
    void everyOperatorTheExporterWritesImportsBack() {
        Set<String> missing = new TreeSet<>(OnnxExport.operators());
        missing.removeAll(OnnxOps.TABLE.keySet());
        assertEquals(Set.of(), missing);
    }
}
