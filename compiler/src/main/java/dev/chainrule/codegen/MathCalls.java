package dev.chainrule.codegen;

import dev.chainrule.lower.Condition;
import dev.chainrule.lower.Expr;
import dev.chainrule.lower.LoweredClass;
import dev.chainrule.lower.LoweredMethod;
import dev.chainrule.lower.Stmt;
import java.util.List;

/** Whether a lowered class calls a math function: the source backend imports only what it uses. */
final class MathCalls {

    private MathCalls() {}

    static boolean calls(LoweredClass lowered, Expr.MathFunction function) {
        for (LoweredMethod method : lowered.methods()) {
            if (inStatements(method.body(), function)) {
                return true;
            }
        }
        return false;
    }

    private static boolean inStatements(List<Stmt> body, Expr.MathFunction f) {
        for (Stmt stmt : body) {
            boolean found;
            if (stmt instanceof Stmt.Declare d) {
                found = in(d.init(), f);
            } else if (stmt instanceof Stmt.Assign a) {
                found = in(a.value(), f);
            } else if (stmt instanceof Stmt.Store s) {
                found = in(s.value(), f) || s.indices().stream().anyMatch(i -> in(i, f));
            } else if (stmt instanceof Stmt.StoreScalarField s) {
                found = in(s.value(), f);
            } else if (stmt instanceof Stmt.For loop) {
                found = inStatements(loop.body(), f);
            } else if (stmt instanceof Stmt.While loop) {
                found = in(loop.condition(), f) || inStatements(loop.body(), f);
            } else if (stmt instanceof Stmt.Scope scope) {
                found = inStatements(scope.body(), f);
            } else if (stmt instanceof Stmt.If guard) {
                found = in(guard.condition(), f) || inStatements(guard.then(), f);
            } else if (stmt instanceof Stmt.Return ret) {
                found = ret.value() != null && in(ret.value(), f);
            } else {
                found = false; // comments and calls hold no expression
            }
            if (found) {
                return true;
            }
        }
        return false;
    }

    private static boolean in(Condition condition, Expr.MathFunction f) {
        return in(condition.left(), f) || in(condition.right(), f);
    }

    private static boolean in(Expr expr, Expr.MathFunction f) {
        if (expr instanceof Expr.MathCall m) {
            return m.function() == f || in(m.argument(), f);
        } else if (expr instanceof Expr.Load load) {
            return load.indices().stream().anyMatch(i -> in(i, f));
        } else if (expr instanceof Expr.Binary b) {
            return in(b.left(), f) || in(b.right(), f);
        } else if (expr instanceof Expr.Negate n) {
            return in(n.operand(), f);
        } else if (expr instanceof Expr.Convert c) {
            return in(c.operand(), f);
        } else if (expr instanceof Expr.Max m) {
            return in(m.left(), f) || in(m.right(), f);
        } else if (expr instanceof Expr.Select s) {
            return in(s.condition(), f) || in(s.ifTrue(), f) || in(s.ifFalse(), f);
        }
        return false; // constants, locals, scalar fields
    }
}
