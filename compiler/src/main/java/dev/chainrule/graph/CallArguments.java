package dev.chainrule.graph;

import dev.chainrule.graph.op.Window;
import dev.chainrule.description.SpecException;
import dev.chainrule.description.graph.Expression;
import dev.chainrule.description.graph.SourceLocation;
import java.util.ArrayList;
import java.util.List;

/**
 * The size arguments of one call of conv2d, a pool or reshape, read and checked where they are
 * written: {@code stride=}, {@code padding=}, {@code dilation=} and a pool's kernel as an
 * integer or a pair {@code [h, w]}, a reshape's shape as a list. Errors point at the argument.
 */
final class CallArguments {

    private final Expression.Call call;

    CallArguments(Expression.Call call) {
        this.call = call;
    }

    static boolean takesSizes(Expression.Function f) {
        return switch (f) {
            case CONV2D, MAX_POOL2D, AVG_POOL2D, FLATTEN, RESHAPE -> true;
            default -> false;
        };
    }

    static SpecException error(SourceLocation at, String message) {
        return SpecException.at(at.file(), at.line(), at.column(), at.path(), message);
    }

    /** A conv window of kernel kh × kw from the keywords (defaults stride 1, padding 0). */
    Window window(int kh, int kw, boolean dilated) {
        int[] stride = keyword("stride", 1, 1);
        int[] padding = keyword("padding", 0, 0);
        int[] dilation = dilated ? keyword("dilation", 1, 1) : new int[] {1, 1};
        return new Window(kh, kw, stride[0], stride[1], padding[0], padding[1], dilation[0],
                dilation[1]);
    }

    /** A pool's window: stride defaults to the kernel. */
    Window pool(int[] kernel) {
        Expression.Keyword given = find("stride");
        int[] stride = given == null ? kernel : pair(given.value(), "stride", 1);
        int[] padding = keyword("padding", 0, 0);
        return Window.pool(kernel[0], kernel[1], stride[0], stride[1], padding[0], padding[1]);
    }

    private int[] keyword(String name, int fallback, int least) {
        Expression.Keyword k = find(name);
        return k == null ? new int[] {fallback, fallback} : pair(k.value(), name, least);
    }

    private Expression.Keyword find(String name) {
        return call.keywords().stream().filter(k -> k.name().equals(name)).findFirst()
                .orElse(null);
    }

    /** An integer (used for both axes) or a pair [h, w] of integers at least {@code least}. */
    int[] pair(Expression value, String what, int least) {
        if (value instanceof Expression.Negate minus
                && minus.operand() instanceof Expression.Number n) {
            value = new Expression.Number(minus.location(), -n.value(), "-" + n.text());
        }
        if (value instanceof Expression.Number n) {
            int v = integer(n, what, least);
            return new int[] {v, v};
        }
        if (value instanceof Expression.Sizes s && s.items().size() == 2) {
            return new int[] {integer(s.items().get(0), what, least),
                    integer(s.items().get(1), what, least)};
        }
        throw error(value.location(), call.function().spelling() + ": " + what + " must be an"
                + " integer or a pair [h, w]");
    }

    /** A reshape's target: a list of 1 to 4 positive integers. */
    Shape shape(Expression value) {
        if (!(value instanceof Expression.Sizes s)) {
            throw error(value.location(), "reshape needs a shape such as [16, 5, 5]");
        }
        if (s.items().size() > Shape.MAX_RANK) {
            throw error(value.location(), "reshape: rank " + s.items().size() + " is above "
                    + Shape.MAX_RANK);
        }
        List<Integer> dims = new ArrayList<>();
        for (Expression.Number n : s.items()) {
            dims.add(integer(n, "a dimension", 1));
        }
        return new Shape(dims);
    }

    private int integer(Expression.Number n, String what, int least) {
        double v = n.value();
        if (v != Math.rint(v) || Math.abs(v) > 1_000_000) {
            throw error(n.location(), call.function().spelling() + ": " + what
                    + " must be an integer, got " + n.text());
        }
        if (v < least) {
            throw error(n.location(), call.function().spelling() + ": " + what + " must be at"
                    + " least " + least + ", got " + n.text());
        }
        return (int) v;
    }
}
