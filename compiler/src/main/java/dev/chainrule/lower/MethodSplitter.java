package dev.chainrule.lower;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps every method under the JIT's size limit: when a method's measured bytecode exceeds the
 * budget, its top-level blocks are packed in order into private helpers
 * ({@code backward_part1}, ...) that the method calls. Blocks share state only through fields,
 * so any block boundary is a valid cut.
 */
final class MethodSplitter {

    private final CodeSizeMeter meter;
    private final int budget;

    MethodSplitter(CodeSizeMeter meter, int budget) {
        this.meter = meter;
        this.budget = budget;
    }

    /** The method itself if it fits, else the method calling helpers, followed by them. */
    List<LoweredMethod> split(LoweredClass context, LoweredMethod method, List<List<Stmt>> blocks) {
        if (meter.measure(context, method) <= budget) {
            return List.of(method);
        }
        List<LoweredMethod> helpers = new ArrayList<>();
        List<Stmt> current = new ArrayList<>();
        for (List<Stmt> block : blocks) {
            List<Stmt> candidate = new ArrayList<>(current);
            candidate.addAll(block);
            if (!current.isEmpty() && meter.measure(context, helper(method, helpers.size(), candidate)) > budget) {
                helpers.add(helper(method, helpers.size(), current));
                current = new ArrayList<>(block);
            } else {
                current = candidate;
            }
        }
        if (!current.isEmpty()) {
            helpers.add(helper(method, helpers.size(), current));
        }
        for (LoweredMethod h : helpers) {
            int size = meter.measure(context, h);
            if (size > budget) {
                throw new IllegalStateException("one block of " + method.name() + " needs " + size
                        + " bytes of bytecode, over the " + budget + "-byte budget");
            }
        }
        List<Stmt> calls = new ArrayList<>();
        for (LoweredMethod h : helpers) {
            calls.add(new Stmt.Call(h.name()));
        }
        List<LoweredMethod> out = new ArrayList<>();
        out.add(new LoweredMethod(method.name(), method.override(), method.params(),
                method.returnType(), calls, method.comment()));
        out.addAll(helpers);
        return out;
    }

    private static LoweredMethod helper(LoweredMethod parent, int index, List<Stmt> body) {
        return new LoweredMethod(parent.name() + "_part" + (index + 1), false, parent.params(),
                null, body, parent.comment() + " (part " + (index + 1) + ")");
    }
}
