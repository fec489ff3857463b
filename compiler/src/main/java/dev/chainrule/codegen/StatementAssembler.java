package dev.chainrule.codegen;

import static org.objectweb.asm.Opcodes.*;

import dev.chainrule.loops.ArrayRef;
import dev.chainrule.loops.Expr;
import dev.chainrule.loops.LoweredMethod;
import dev.chainrule.loops.Stmt;
import dev.chainrule.loops.Type;
import java.util.List;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * Assembles one lowered method: its statements in order, each with the instruction pattern
 * javac uses for the statement the {@link SourceBackend} prints.
 */
final class StatementAssembler {

    private final MethodVisitor code;
    private final ClassMembers members;
    private final LoweredMethod method;
    private final LocalSlots slots;
    private final ExpressionAssembler expressions;

    private StatementAssembler(MethodVisitor code, ClassMembers members, LoweredMethod method) {
        this.code = code;
        this.members = members;
        this.method = method;
        this.slots = new LocalSlots(method);
        this.expressions = new ExpressionAssembler(code, members, slots);
    }

    /** Adds {@code method} to {@code target}: protected if it overrides, else private. */
    static void assemble(ClassVisitor target, ClassMembers members, LoweredMethod method) {
        MethodVisitor code = target.visitMethod(method.override() ? ACC_PROTECTED : ACC_PRIVATE,
                method.name(), JavaTypes.methodDescriptor(method), null, null);
        code.visitCode();
        StatementAssembler assembler = new StatementAssembler(code, members, method);
        assembler.block(method.body());
        if (method.returnType() == null && !LoweredChecker.endsInReturn(method.body())) {
            code.visitInsn(RETURN);
        }
        code.visitMaxs(0, 0);
        code.visitEnd();
    }

    private void block(List<Stmt> body) {
        for (Stmt stmt : body) {
            statement(stmt);
        }
    }

    /** A nested block: its locals' slots are free again after it, as javac reuses them. */
    private void scopedBlock(List<Stmt> body) {
        slots.enterScope();
        block(body);
        slots.exitScope();
    }

    private void statement(Stmt stmt) {
        if (stmt instanceof Stmt.Comment) {
            return;
        }
        if (stmt instanceof Stmt.Declare declare) {
            expressions.push(declare.init());
            store(slots.declare(declare.name(), declare.type()));
        } else if (stmt instanceof Stmt.Assign assign) {
            expressions.push(assign.value());
            store(slots.lookup(assign.name()));
        } else if (stmt instanceof Stmt.Store store
                && store.array() instanceof ArrayRef.Scalars v) {
            storeField(v.field(store.indices().get(0)), store.value());
        } else if (stmt instanceof Stmt.Store store) {
            expressions.pushElementAddress(store.array(), store.indices());
            expressions.push(store.value());
            code.visitInsn(JavaTypes.asm(store.array().element()).getOpcode(IASTORE));
        } else if (stmt instanceof Stmt.StoreScalarField store) {
            storeField(store.name(), store.value());
        } else if (stmt instanceof Stmt.For loop) {
            loop(loop);
        } else if (stmt instanceof Stmt.While loop) {
            // javac's shape, as for a counted loop: test at the top, GOTO back at the bottom.
            Label test = new Label();
            Label end = new Label();
            code.visitLabel(test);
            expressions.jumpUnless(loop.condition(), end);
            scopedBlock(loop.body());
            code.visitJumpInsn(GOTO, test);
            code.visitLabel(end);
        } else if (stmt instanceof Stmt.Scope scope) {
            scopedBlock(scope.body());
        } else if (stmt instanceof Stmt.If guard) {
            Label end = new Label();
            expressions.jumpUnless(guard.condition(), end);
            scopedBlock(guard.then());
            code.visitLabel(end);
        } else if (stmt instanceof Stmt.Call call) {
            call(members.callee(call.method(), method));
        } else if (stmt instanceof Stmt.BatchKernel kernel) {
            batchKernel(kernel);
        } else if (stmt instanceof Stmt.Return ret) {
            if (ret.value() == null) {
                code.visitInsn(RETURN);
            } else {
                expressions.push(ret.value());
                code.visitInsn(JavaTypes.asm(ret.value().type()).getOpcode(IRETURN));
            }
        } else {
            throw new IllegalArgumentException("unknown statement " + stmt);
        }
    }

    /** javac's shape: test at the top, {@code IINC} and {@code GOTO} back at the bottom. */
    private void loop(Stmt.For loop) {
        slots.enterScope();
        LocalSlots.Slot counter = slots.declare(loop.var(), Type.INT);
        expressions.push(new Expr.Const(Type.INT, loop.from()));
        store(counter);
        Label test = new Label();
        Label end = new Label();
        code.visitLabel(test);
        code.visitVarInsn(ILOAD, counter.index());
        expressions.push(new Expr.Const(Type.INT, loop.to()));
        code.visitJumpInsn(IF_ICMPGE, end);
        block(loop.body());
        code.visitIincInsn(counter.index(), 1);
        code.visitJumpInsn(GOTO, test);
        code.visitLabel(end);
        slots.exitScope();
    }

    /**
     * Private helpers are reached with {@code INVOKESPECIAL}: a Java 8 class file may not use
     * {@code INVOKEVIRTUAL} on a private method (that needs Java 11 nestmates). Overrides are
     * virtual. Arguments are the caller's parameters of the same names.
     */
    private void call(LoweredMethod callee) {
        code.visitVarInsn(ALOAD, 0);
        for (LoweredMethod.Param param : callee.params()) {
            LocalSlots.Slot slot = slots.lookup(param.name());
            code.visitVarInsn(JavaTypes.asm(slot.type()).getOpcode(ILOAD), slot.index());
        }
        code.visitMethodInsn(callee.override() ? INVOKEVIRTUAL : INVOKESPECIAL,
                members.internalName(), callee.name(), JavaTypes.methodDescriptor(callee), false);
        if (callee.returnType() != null) {
            code.visitInsn(JavaTypes.asm(callee.returnType()).getSize() == 2 ? POP2 : POP);
        }
    }

    /** {@code BatchKernels.LIVE.method(args)}: the provider from its static final, then the call. */
    private void batchKernel(Stmt.BatchKernel kernel) {
        String provider = BatchKernelCalls.providerName(kernel).reflectionName().replace('.', '/');
        code.visitFieldInsn(GETSTATIC, provider, "LIVE", "L" + provider + ";");
        for (Stmt.BatchKernel.Arg arg : kernel.args()) {
            if (arg instanceof Stmt.BatchKernel.Array a) {
                code.visitVarInsn(ALOAD, 0);
                code.visitFieldInsn(GETFIELD, members.internalName(), a.field().name(),
                        JavaTypes.descriptor(a.field().element(), a.field().rank()));
            } else {
                expressions.push(((Stmt.BatchKernel.Value) arg).value());
            }
        }
        code.visitMethodInsn(INVOKEVIRTUAL, provider, kernel.method(),
                BatchKernelCalls.descriptor(kernel), false);
    }

    /**
     * {@code this.name = value}. The checker has made the value's type the field's, for a
     * {@code Scalars} element too, so it gives the descriptor.
     */
    private void storeField(String name, Expr value) {
        code.visitVarInsn(ALOAD, 0);
        expressions.push(value);
        code.visitFieldInsn(PUTFIELD, members.internalName(), name,
                JavaTypes.descriptor(value.type(), 0));
    }

    private void store(LocalSlots.Slot slot) {
        code.visitVarInsn(JavaTypes.asm(slot.type()).getOpcode(ISTORE), slot.index());
    }
}
