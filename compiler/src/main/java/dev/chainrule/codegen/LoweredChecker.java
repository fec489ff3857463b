package dev.chainrule.codegen;

import dev.chainrule.loops.ArrayRef;
import dev.chainrule.loops.Condition;
import dev.chainrule.loops.Expr;
import dev.chainrule.loops.LoweredClass;
import dev.chainrule.loops.LoweredField;
import dev.chainrule.loops.LoweredMethod;
import dev.chainrule.loops.Stmt;
import dev.chainrule.loops.Type;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.SourceVersion;

/**
 * Checks that a lowered method is well formed before either backend sees it (the class around it:
 * {@link LoweredClassChecker}): names resolve, types
 * agree exactly (no implicit widening, which javac would accept and the bytecode backend would
 * not), non-void methods end in a return. Both backends run it first, so they accept exactly the
 * same inputs and neither has to make a decision about a malformed one.
 */
final class LoweredChecker {

    /** The abstract methods of {@code GeneratedNetwork}: name to its only legal signature. */
    private static final Map<String, String> OVERRIDES = Map.of(
            "forward", "([D)V",
            "lossOf", "([D)D",
            "output", "([D)V",
            "backward", "([D)V",
            "update", "(D)V",
            "backwardAndUpdate", "([DD)V",
            "parametersChanged", "()V",
            "finishGradients", "()V",
            "clearGradients", "()V");

    /** What a graph's class overrides in GeneratedGraph, on top of {@link #OVERRIDES}. */
    private static final Map<String, String> GRAPH_OVERRIDES = Map.of(
            "evaluate", "([D[D)V",
            "reverse", "()V",
            "tangent", "([D)V",
            "exportValues", "([D)V",
            "exportAdjoints", "([D)V",
            "exportTangents", "([D)V");

    private String overridden(String name) {
        String s = OVERRIDES.get(name);
        return s == null && members.lowered().isGraph() ? GRAPH_OVERRIDES.get(name) : s;
    }

    private final ClassMembers members;
    private final LoweredMethod method;
    private final boolean requireCallees;
    private final Map<String, Type> params = new HashMap<>();
    private final Deque<Map<String, Type>> scopes = new ArrayDeque<>();

    private LoweredChecker(ClassMembers members, LoweredMethod method, boolean requireCallees) {
        this.members = members;
        this.method = method;
        this.requireCallees = requireCallees;
    }

    /**
     * Checks one method against its class. With {@code requireCallees} false a {@code Call} may
     * name a helper the class does not define yet (see {@link ClassMembers#callee}).
     */
    static void checkMethod(ClassMembers members, LoweredMethod method, boolean requireCallees) {
        new LoweredChecker(members, method, requireCallees).checkMethod();
    }

    private void checkMethod() {
        requireIdentifier(where(), "method", method.name());
        String signature = JavaTypes.methodDescriptor(method);
        if (method.override() && !signature.equals(overridden(method.name()))) {
            fail("overrides nothing in GeneratedNetwork with signature " + signature);
        }
        if (!method.override() && overridden(method.name()) != null) {
            fail("must be marked override");
        }
        if (method.returnType() != null && method.returnType() != Type.DOUBLE) {
            fail("returns " + method.returnType() + "; only void or DOUBLE");
        }
        for (LoweredMethod.Param param : method.params()) {
            requireIdentifier(where(), "parameter", param.name());
            if (params.put(param.name(), JavaTypes.paramType(param)) != null) {
                fail("parameter '" + param.name() + "' declared twice");
            }
            if (members.field(param.name()) != null) {
                fail("parameter '" + param.name() + "' hides the field of that name");
            }
        }
        block(method.body());
        if (method.returnType() != null && !endsInReturn(method.body())) {
            fail("does not end in a return");
        }
    }

    private void block(List<Stmt> body) {
        scopes.push(new HashMap<>());
        boolean returned = false;
        for (Stmt stmt : body) {
            if (returned && !(stmt instanceof Stmt.Comment)) {
                fail("statement after return: " + stmt);
            }
            statement(stmt);
            returned = stmt instanceof Stmt.Return;
        }
        scopes.pop();
    }

    private void statement(Stmt stmt) {
        if (stmt instanceof Stmt.Comment) {
            return;
        }
        if (stmt instanceof Stmt.Declare declare) {
            // Always initialized, so no definite-assignment analysis is needed on either side.
            if (declare.init() == null) {
                fail("local '" + declare.name() + "' declared without a value");
            }
            expect(declare.type(), declare.init(), "initializer of " + declare.name());
            declare(declare.name(), declare.type());
        } else if (stmt instanceof Stmt.Assign assign) {
            expect(local(assign.name()), assign.value(), "value assigned to " + assign.name());
        } else if (stmt instanceof Stmt.Store store) {
            if (store.indices().size() != store.array().rank()) {
                fail("store into " + store.array().name() + " needs " + store.array().rank()
                        + " indices");
            }
            array(store.array(), store.indices());
            expect(store.array().element(), store.value(), "value stored in "
                    + store.array().name());
        } else if (stmt instanceof Stmt.StoreScalarField store) {
            expect(scalarField(store.name()), store.value(), "value stored in " + store.name());
        } else if (stmt instanceof Stmt.For loop) {
            scopes.push(new HashMap<>());
            declare(loop.var(), Type.INT);
            block(loop.body());
            scopes.pop();
        } else if (stmt instanceof Stmt.While loop) {
            condition(loop.condition());
            block(loop.body());
        } else if (stmt instanceof Stmt.Scope scope) {
            block(scope.body());
        } else if (stmt instanceof Stmt.If guard) {
            condition(guard.condition());
            block(guard.then());
        } else if (stmt instanceof Stmt.Call call) {
            call(call.method());
        } else if (stmt instanceof Stmt.BatchKernel kernel) {
            for (Stmt.BatchKernel.Arg arg : kernel.args()) {
                if (arg instanceof Stmt.BatchKernel.Array a) {
                    array(a.field(), List.of());
                } else {
                    expect(Type.INT, ((Stmt.BatchKernel.Value) arg).value(), "argument of "
                            + kernel.method());
                }
            }
            String problem = BatchKernelCalls.problem(kernel);
            if (problem != null) {
                fail(problem);
            }
        } else if (stmt instanceof Stmt.Return ret) {
            if (method.returnType() == null && ret.value() != null) {
                fail("void method returns a value");
            }
            if (method.returnType() != null) {
                if (ret.value() == null) {
                    fail("return without a value");
                }
                expect(method.returnType(), ret.value(), "returned value");
            }
        } else {
            fail("unknown statement " + stmt);
        }
    }

    private void call(String name) {
        if (!members.hasMethod(name) && requireCallees) {
            fail("calls unknown method '" + name + "'");
        }
        LoweredMethod callee = members.callee(name, method);
        for (LoweredMethod.Param param : callee.params()) {
            if (params.get(param.name()) != JavaTypes.paramType(param)) {
                fail("cannot pass parameter '" + param.name() + "' through to " + name);
            }
        }
    }

    private Type expression(Expr expr) {
        if (expr instanceof Expr.Const c) {
            if (c.type().isArray()
                    || c.type() == Type.INT && (c.value() != Math.rint(c.value())
                    || c.value() < Integer.MIN_VALUE || c.value() > Integer.MAX_VALUE)) {
                fail("constant " + c.value() + " is not a " + c.type());
            }
        } else if (expr instanceof Expr.Local l) {
            if (local(l.name()) != l.type()) {
                fail("local '" + l.name() + "' is " + local(l.name()) + ", read as " + l.type());
            }
        } else if (expr instanceof Expr.ScalarField f) {
            if (scalarField(f.name()) != f.type()) {
                fail("field '" + f.name() + "' is " + scalarField(f.name()) + ", read as "
                        + f.type());
            }
        } else if (expr instanceof Expr.Load load) {
            int rank = load.array().rank();
            if (load.indices().size() != rank && load.indices().size() != rank - 1) {
                fail("load from " + load.array().name() + " with " + load.indices().size()
                        + " indices");
            }
            array(load.array(), load.indices());
        } else if (expr instanceof Expr.Binary b) {
            scalar(expression(b.left()), "operand of " + b.op());
            expression(b.right());
        } else if (expr instanceof Expr.Negate n) {
            scalar(expression(n.operand()), "operand of negation");
        } else if (expr instanceof Expr.Convert c) {
            scalar(expression(c.operand()), "converted value");
            scalar(c.type(), "conversion target");
        } else if (expr instanceof Expr.MathCall m) {
            expression(m.argument());
        } else if (expr instanceof Expr.Pow p) {
            expression(p.base());
            expression(p.exponent());
        } else if (expr instanceof Expr.Max m) {
            scalar(expression(m.left()), "operand of max");
            expect(m.left().type(), m.right(), "second operand of max");
        } else if (expr instanceof Expr.ListNonZeros l) {
            array(l.source(), List.of());
            array(l.indices(), List.of());
            LoweredField indices = members.field(l.indices().name());
            if (l.indices().element() != Type.INT || l.indices().rank() != 1 || l.from() < 0
                    || l.length() < 0 || indices.dims().get(0) < l.length()) {
                fail("listNonZeros needs an int[] of at least " + l.length() + " entries and"
                        + " a start >= 0, got " + l.indices().name() + " from " + l.from());
            }
        } else if (expr instanceof Expr.Select s) {
            condition(s.condition());
            expect(s.ifTrue().type(), s.ifFalse(), "second branch of select");
            scalar(expression(s.ifTrue()), "select branch");
        } else {
            fail("unknown expression " + expr);
        }
        return expr.type();
    }

    private void condition(Condition condition) {
        scalar(expression(condition.left()), "compared value");
        expression(condition.right());
    }

    private void array(ArrayRef ref, List<Expr> indices) {
        if (ref instanceof ArrayRef.Field f) {
            LoweredField field = members.field(f.name());
            if (field == null || field.rank() != f.rank() || field.element() != f.element()
                    || field.rank() == 0) {
                fail("no array field " + f);
            }
        } else if (ref instanceof ArrayRef.Scalars v) {
            if (indices.size() != 1 || !(indices.get(0) instanceof Expr.Const c)
                    || c.type() != Type.INT || c.value() < 0 || c.value() >= v.fields().size()) {
                fail(v.name() + " is indexed only by one constant from 0 to "
                        + (v.fields().size() - 1));
            }
            for (String name : v.fields()) {
                if (scalarField(name) != v.element()) {
                    fail("no " + v.element() + " field '" + name + "' for " + v.name());
                }
            }
        } else if (ref instanceof ArrayRef.Parameter p) {
            if (params.get(p.name()) != Type.DOUBLE_ARRAY) {
                fail("no double[] parameter '" + p.name() + "'");
            }
        } else if (ref instanceof ArrayRef.Local l) {
            if (l.element().isArray() || local(l.name()) != l.element().arrayOf()) {
                fail("local '" + l.name() + "' is not a " + l.element() + " row");
            }
        }
        for (Expr index : indices) {
            expect(Type.INT, index, "index into " + ref.name());
        }
    }

    private void expect(Type type, Expr expr, String what) {
        Type actual = expression(expr);
        if (actual != type) {
            fail(what + " is " + actual + ", expected " + type);
        }
    }

    private void scalar(Type type, String what) {
        if (type.isArray()) {
            fail(what + " is an array");
        }
    }

    private void declare(String name, Type type) {
        requireIdentifier(where(), "local", name);
        if (params.containsKey(name) || visible(name) != null) {
            fail("local '" + name + "' declared twice");
        }
        // A local named like a field would hide it in the Java source.
        if (members.field(name) != null) {
            fail("local '" + name + "' hides the field of that name");
        }
        scopes.peek().put(name, type);
    }

    private Type local(String name) {
        Type type = params.containsKey(name) ? params.get(name) : visible(name);
        if (type == null) {
            fail("unknown local '" + name + "'");
        }
        return type;
    }

    private Type visible(String name) {
        for (Map<String, Type> scope : scopes) {
            if (scope.containsKey(name)) {
                return scope.get(name);
            }
        }
        return null;
    }

    private Type scalarField(String name) {
        LoweredField field = members.field(name);
        if (field == null || field.rank() != 0) {
            fail("no scalar field '" + name + "'");
        }
        return field.element();
    }

    /** Whether the last statement that is not a comment returns. */
    static boolean endsInReturn(List<Stmt> body) {
        for (int s = body.size() - 1; s >= 0; s--) {
            if (!(body.get(s) instanceof Stmt.Comment)) {
                return body.get(s) instanceof Stmt.Return;
            }
        }
        return false;
    }

    static void requireIdentifier(String where, String what, String name) {
        if (name == null || !SourceVersion.isIdentifier(name) || SourceVersion.isKeyword(name)) {
            throw new IllegalArgumentException(where + ": " + what + " name '" + name
                    + "' is not a Java identifier");
        }
    }

    private String where() {
        return members.lowered().simpleName() + "." + method.name();
    }

    private void fail(String problem) {
        throw new IllegalArgumentException(where() + ": " + problem);
    }
}
