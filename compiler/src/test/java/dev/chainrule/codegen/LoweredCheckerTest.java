package dev.chainrule.codegen;

import static dev.chainrule.codegen.Lowered.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.loops.LoweredClass;
import dev.chainrule.loops.LoweredMethod;
import dev.chainrule.loops.Stmt;
import dev.chainrule.loops.Type;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Both backends reject a malformed lowered class up front, with the same message. */
class LoweredCheckerTest {

    @Test
    void rejectsImplicitWidening() {
        assertRejected("LinearFloat.forward: value assigned to a is INT, expected FLOAT",
                forward(declare("a", Type.FLOAT, num(Type.FLOAT, 0)), assign("a", i(1))));
    }

    @Test
    void rejectsUnknownLocalsAndOutOfScopeOnes() {
        assertRejected("LinearFloat.forward: unknown local 'k'",
                forward(loop("k", 0, 2), store(field("input", Type.FLOAT, 1),
                        List.of(index("k")), num(Type.FLOAT, 0))));
    }

    @Test
    void rejectsLocalsThatHideFieldsOrRedeclare() {
        assertRejected("LinearFloat.forward: local 'input' hides the field of that name",
                forward(declare("input", Type.INT, i(0))));
        assertRejected("LinearFloat.forward: local 'x' declared twice",
                forward(declare("x", Type.INT, i(0))));
        assertRejected("LinearFloat.forward: local 'i' declared twice",
                forward(loop("i", 0, 1, loop("i", 0, 1))));
    }

    @Test
    void listsNonZerosOnlyIntoIntArrays() {
        assertRejected("LinearFloat.forward: listNonZeros needs an int[] of at least 2 entries"
                + " and a start >= 0, got input from 0",
                forward(declare("n", Type.INT, new dev.chainrule.loops.Expr.ListNonZeros(
                        new dev.chainrule.loops.ArrayRef.Parameter("x"), 0, 2,
                        new dev.chainrule.loops.ArrayRef.Field("input", Type.FLOAT, 1)))));
    }

    @Test
    void bindsRowMarksOnlyFromIntArraysOnePerAccumulator() {
        LoweredClass linear = LinearModel.of(false);
        List<String> marks = new ArrayList<>();
        for (int p = 0; p < linear.gradientFields().size(); p++) {
            marks.add(p == 0 ? "input" : "");
        }
        assertRejected("LinearFloat: row marks 'input' is not an int[] field",
                withRowMarks(linear, marks));
        assertRejected("LinearFloat: 1 row mark entries for " + linear.gradientFields().size()
                + " accumulators", withRowMarks(linear, List.of("")));
    }

    private static LoweredClass withRowMarks(LoweredClass c, List<String> marks) {
        return new LoweredClass(c.packageName(), c.simpleName(), c.header(), c.networkName(),
                c.inputSize(), c.outputSize(), c.doublePrecision(), c.classifier(),
                c.parameters(), c.parameterFields(), c.gradientFields(), c.fields(),
                c.methods(), c.packedParameters(), c.graphLayout(), marks);
    }

    @Test
    void requiresEveryLocalToStartWithAValue() {
        assertRejected("LinearFloat.forward: local 'a' declared without a value",
                forward(declare("a", Type.FLOAT, null)));
    }

    @Test
    void rejectsCallsToUnknownMethods() {
        assertRejected("LinearFloat.forward: calls unknown method 'missing'",
                forward(call("missing")));
    }

    @Test
    void callsOnlyKernelsTheRuntimeHas() {
        Stmt.BatchKernel.Arg weight = new Stmt.BatchKernel.Array(
                new dev.chainrule.loops.ArrayRef.Field("weight", Type.FLOAT, 2));
        assertRejected("LinearFloat.forward: no kernel BatchKernels.addOuters([[FI)V",
                forward(new Stmt.BatchKernel("addOuters", List.of(weight,
                        new Stmt.BatchKernel.Value(i(2))))));
        assertRejected("LinearFloat.forward: argument of products is FLOAT, expected INT",
                forward(new Stmt.BatchKernel("products", List.of(weight,
                        new Stmt.BatchKernel.Value(num(Type.FLOAT, 2))))));
    }

    @Test
    void rejectsWrongIndexCounts() {
        assertRejected("LinearFloat.forward: store into weight needs 2 indices",
                forward(store(field("weight", Type.FLOAT, 2), List.of(i(0)),
                        num(Type.FLOAT, 1))));
    }

    @Test
    void indexesScalarVectorsOnlyByConstantsInRange() {
        dev.chainrule.loops.ArrayRef pair = new dev.chainrule.loops.ArrayRef.Scalars("pair",
                Type.FLOAT, List.of("input", "input"));
        assertRejected("LinearFloat.forward: pair is indexed only by one constant from 0 to 1",
                forward(loop("k", 0, 2, store(pair, List.of(index("k")), num(Type.FLOAT, 0)))));
        assertRejected("LinearFloat.forward: pair is indexed only by one constant from 0 to 1",
                forward(store(pair, List.of(i(2)), num(Type.FLOAT, 0))));
        assertRejected("LinearFloat.forward: no scalar field 'input'",
                forward(store(pair, List.of(i(1)), num(Type.FLOAT, 0))));
    }

    @Test
    void requiresNonVoidMethodsToReturn() {
        LoweredMethod lossOf = override("lossOf", List.of(arrayParam("t")), Type.DOUBLE,
                comment("no loss"));
        assertRejected("LinearFloat.lossOf: does not end in a return", replace(1, lossOf));
    }

    @Test
    void rejectsStatementsAfterReturn() {
        assertRejected("LinearFloat.forward: statement after return: Call[method=update]",
                forward(ret(null), call("update")));
    }

    @Test
    void requiresOverridesToMatchGeneratedNetwork() {
        LoweredMethod forward = override("forward", List.of(), null);
        assertRejected("LinearFloat.forward: overrides nothing in GeneratedNetwork with "
                + "signature ()V", replace(0, forward));
    }

    private static LoweredClass forward(Stmt... body) {
        return replace(0, override("forward", List.of(arrayParam("x")), null, body));
    }

    private static LoweredClass replace(int index, LoweredMethod method) {
        LoweredClass linear = LinearModel.of(false);
        List<LoweredMethod> methods = new ArrayList<>(linear.methods());
        methods.set(index, method);
        return SourceBackendTest.withMethods(linear, methods);
    }

    private static void assertRejected(String message, LoweredClass lowered) {
        assertEquals(message, assertThrows(IllegalArgumentException.class,
                () -> SourceBackend.emit(lowered)).getMessage());
        assertEquals(message, assertThrows(IllegalArgumentException.class,
                () -> BytecodeBackend.emit(lowered)).getMessage());
    }
}
