package dev.chainrule.codegen;

import com.palantir.javapoet.CodeBlock;
import dev.chainrule.loops.Expr;
import dev.chainrule.loops.LoweredMethod;
import dev.chainrule.loops.Stmt;
import java.util.List;
import java.util.stream.Collectors;

/** Prints the statements of one lowered method as a JavaPoet code block. */
final class StatementPrinter {

    private final ClassMembers members;
    private final LoweredMethod method;
    private final CodeBlock.Builder code = CodeBlock.builder();

    private StatementPrinter(ClassMembers members, LoweredMethod method) {
        this.members = members;
        this.method = method;
    }

    static CodeBlock print(ClassMembers members, LoweredMethod method) {
        StatementPrinter printer = new StatementPrinter(members, method);
        printer.block(method.body());
        return printer.code.build();
    }

    private void block(List<Stmt> body) {
        for (Stmt stmt : body) {
            statement(stmt);
        }
    }

    private void statement(Stmt stmt) {
        if (stmt instanceof Stmt.Comment comment) {
            for (String line : comment.text().split("\n", -1)) {
                code.add("// $L\n", SourceBackend.commentSafe(line));
            }
        } else if (stmt instanceof Stmt.Declare declare) {
            code.addStatement("$L $L = $L", JavaTypes.keyword(declare.type()), declare.name(),
                    ExpressionPrinter.print(declare.init()));
        } else if (stmt instanceof Stmt.Assign assign) {
            assignment(new Expr.Local(assign.name(), assign.value().type()), assign.value());
        } else if (stmt instanceof Stmt.Store store) {
            assignment(new Expr.Load(store.array(), store.indices()), store.value());
        } else if (stmt instanceof Stmt.StoreScalarField store) {
            assignment(new Expr.ScalarField(store.name(), store.value().type()), store.value());
        } else if (stmt instanceof Stmt.For loop) {
            code.beginControlFlow("for (int $L = $L; $L < $L; $L++)", loop.var(), loop.from(),
                    loop.var(), loop.to(), loop.var());
            block(loop.body());
            code.endControlFlow();
        } else if (stmt instanceof Stmt.While loop) {
            code.beginControlFlow("while ($L)", ExpressionPrinter.print(loop.condition()));
            block(loop.body());
            code.endControlFlow();
        } else if (stmt instanceof Stmt.Scope scope) {
            code.add("{\n$>");
            block(scope.body());
            code.add("$<}\n");
        } else if (stmt instanceof Stmt.If guard) {
            code.beginControlFlow("if ($L)", ExpressionPrinter.print(guard.condition()));
            block(guard.then());
            code.endControlFlow();
        } else if (stmt instanceof Stmt.Call call) {
            String arguments = members.callee(call.method(), method).params().stream()
                    .map(LoweredMethod.Param::name).collect(Collectors.joining(", "));
            code.addStatement("$L($L)", call.method(), arguments);
        } else if (stmt instanceof Stmt.BatchKernel kernel) {
            String arguments = kernel.args().stream().map(a -> a instanceof Stmt.BatchKernel.Array f
                    ? f.field().name()
                    : ExpressionPrinter.print(((Stmt.BatchKernel.Value) a).value()).toString())
                    .collect(Collectors.joining(", "));
            code.addStatement("$T.LIVE.$L($L)", BatchKernelCalls.providerName(kernel),
                    kernel.method(), arguments);
        } else if (stmt instanceof Stmt.Return ret) {
            if (ret.value() == null) {
                code.addStatement("return");
            } else {
                code.addStatement("return $L", ExpressionPrinter.print(ret.value()));
            }
        } else {
            throw new IllegalArgumentException("unknown statement " + stmt);
        }
    }

    /**
     * {@code target = value}, or {@code target op= rest} when value is {@code target op rest}:
     * the same tree (left operand first, then rest), since indices are side-effect free and the
     * operands already have the target's type, so the compound form's implicit cast is a no-op.
     * The target prints as the expression that reads it, so both sides are spelled alike.
     */
    private void assignment(Expr target, Expr value) {
        String text = ExpressionPrinter.print(target);
        if (value instanceof Expr.Binary b && b.left().equals(target)) {
            code.addStatement("$L $L= $L", text, ExpressionPrinter.symbol(b.op()),
                    ExpressionPrinter.print(b.right()));
        } else {
            code.addStatement("$L = $L", text, ExpressionPrinter.print(value));
        }
    }
}
