package dev.chainrule.lower;

import dev.chainrule.loops.LoweredClass;
import dev.chainrule.loops.LoweredMethod;
import dev.chainrule.loops.Stmt;
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

    /**
     * The method itself if it fits, else the method calling helpers, followed by them. Each block
     * is measured once (all in one pass), helpers are packed by adding those lengths, and each
     * helper is measured once more alone; one that still does not fit is cut in two. Linear in
     * the method's length, where measuring every candidate helper was quadratic.
     */
    List<LoweredMethod> split(LoweredClass context, LoweredMethod method, List<List<Stmt>> blocks) {
        if (meter.measure(context, method) <= budget) {
            return List.of(method);
        }
        List<LoweredMethod> alone = new ArrayList<>();
        for (int b = 0; b < blocks.size(); b++) {
            alone.add(new LoweredMethod(method.name() + "_block" + (b + 1), false,
                    method.params(), null, blocks.get(b), ""));
        }
        int[] sizes = meter.measureEach(context, alone);
        List<List<List<Stmt>>> packed = new ArrayList<>();
        List<List<Stmt>> current = new ArrayList<>();
        int length = RETURN_BYTES;
        for (int b = 0; b < blocks.size(); b++) {
            int cost = sizes[b] - RETURN_BYTES;
            if (!current.isEmpty() && length + cost > budget) {
                packed.add(current);
                current = new ArrayList<>();
                length = RETURN_BYTES;
            }
            current.add(blocks.get(b));
            length += cost;
        }
        if (!current.isEmpty()) {
            packed.add(current);
        }
        List<LoweredMethod> helpers = fit(context, method, packed);
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

    /** {@code return}'s byte, which each block measured alone has and a helper has once. */
    private static final int RETURN_BYTES = 1;

    /**
     * The helpers of {@code parts}, measured again together (one pass per round); a part over
     * the budget is cut in two and measured in the next round. A method's length measured among
     * others is never below its length alone, so a part that fits here fits in the class.
     */
    private List<LoweredMethod> fit(LoweredClass context, LoweredMethod method,
                                    List<List<List<Stmt>>> parts) {
        List<List<List<Stmt>>> pending = parts;
        while (true) {
            List<LoweredMethod> helpers = new ArrayList<>();
            for (int k = 0; k < pending.size(); k++) {
                helpers.add(helper(method, k, flat(pending.get(k))));
            }
            int[] sizes = meter.measureEach(context, helpers);
            List<List<List<Stmt>>> next = new ArrayList<>();
            for (int k = 0; k < sizes.length; k++) {
                List<List<Stmt>> part = pending.get(k);
                if (sizes[k] <= budget) {
                    next.add(part);
                } else if (part.size() == 1) {
                    throw new IllegalStateException("one block of " + method.name() + " needs "
                            + sizes[k] + " bytes of bytecode, over the " + budget
                            + "-byte budget");
                } else {
                    next.add(part.subList(0, part.size() / 2));
                    next.add(part.subList(part.size() / 2, part.size()));
                }
            }
            if (next.size() == pending.size()) {
                return helpers;
            }
            pending = next;
        }
    }

    private static List<Stmt> flat(List<List<Stmt>> blocks) {
        List<Stmt> out = new ArrayList<>();
        blocks.forEach(out::addAll);
        return out;
    }

    private static LoweredMethod helper(LoweredMethod parent, int index, List<Stmt> body) {
        return new LoweredMethod(parent.name() + "_part" + (index + 1), false, parent.params(),
                null, body, parent.comment() + " (part " + (index + 1) + ")");
    }
}
