package dev.chainrule.codegen;

import static org.objectweb.asm.Opcodes.*;

import dev.chainrule.loops.ArrayRef;
import dev.chainrule.loops.Condition;
import dev.chainrule.loops.Expr;
import dev.chainrule.loops.Type;
import java.util.List;
import java.util.Locale;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * Assembles lowered expressions onto the operand stack with the instructions javac emits for the
 * printed source: operands left to right, then the operation, typed by the operands
 * ({@code FADD} for float, {@code DADD} for double).
 */
final class ExpressionAssembler {

    private final MethodVisitor code;
    private final ClassMembers members;
    private final LocalSlots slots;

    ExpressionAssembler(MethodVisitor code, ClassMembers members, LocalSlots slots) {
        this.code = code;
        this.members = members;
        this.slots = slots;
    }

    void push(Expr expr) {
        if (expr instanceof Expr.Const c) {
            constant(c.type(), c.value());
        } else if (expr instanceof Expr.Local l) {
            LocalSlots.Slot slot = slots.lookup(l.name());
            code.visitVarInsn(JavaTypes.asm(slot.type()).getOpcode(ILOAD), slot.index());
        } else if (expr instanceof Expr.ScalarField f) {
            pushField(f.name(), f.type(), 0);
        } else if (expr instanceof Expr.Load load) {
            load(load);
        } else if (expr instanceof Expr.Binary b) {
            push(b.left());
            push(b.right());
            code.visitInsn(JavaTypes.asm(b.type()).getOpcode(arithmetic(b.op())));
        } else if (expr instanceof Expr.Negate n) {
            push(n.operand());
            code.visitInsn(JavaTypes.asm(n.type()).getOpcode(INEG));
        } else if (expr instanceof Expr.Convert c) {
            push(c.operand());
            convert(c.operand().type(), c.type());
        } else if (expr instanceof Expr.MathCall m) {
            push(m.argument());
            // tanh is inherited from GeneratedNetwork; like javac for the source's unqualified
            // call, name the generated class itself as the owner.
            boolean tanh = m.function() == Expr.MathFunction.TANH;
            code.visitMethodInsn(INVOKESTATIC, tanh ? members.internalName() : "java/lang/Math",
                    m.function().name().toLowerCase(Locale.ROOT), "(D)D", false);
        } else if (expr instanceof Expr.Pow p) {
            push(p.base());
            push(p.exponent());
            code.visitMethodInsn(INVOKESTATIC, "java/lang/Math", "pow", "(DD)D", false);
        } else if (expr instanceof Expr.Max m) {
            push(m.left());
            push(m.right());
            String real = JavaTypes.asm(m.type()).getDescriptor();
            code.visitMethodInsn(INVOKESTATIC, "java/lang/Math", "max",
                    "(" + real + real + ")" + real, false);
        } else if (expr instanceof Expr.ListNonZeros l) {
            pushArray(l.source());
            pushInt(code, l.from());
            pushInt(code, l.length());
            pushArray(l.indices());
            // inherited from GeneratedNetwork, named through the generated class as javac does
            code.visitMethodInsn(INVOKESTATIC, members.internalName(), "listNonZeros",
                    "([DII[I)I", false);
        } else if (expr instanceof Expr.Select s) {
            Label otherwise = new Label();
            Label end = new Label();
            jumpUnless(s.condition(), otherwise);
            push(s.ifTrue());
            code.visitJumpInsn(GOTO, end);
            code.visitLabel(otherwise);
            push(s.ifFalse());
            code.visitLabel(end);
        } else {
            throw new IllegalArgumentException("unknown expression " + expr);
        }
    }

    /**
     * Jumps to {@code target} when the condition is false, as javac does for {@code if} and
     * {@code ?:}. For reals javac picks the compare that makes NaN fail the test: {@code >} and
     * {@code >=} use {@code FCMPL} (NaN gives -1), {@code <} and {@code <=} use {@code FCMPG}
     * (NaN gives 1), {@code ==} and {@code !=} use {@code FCMPL}.
     */
    void jumpUnless(Condition condition, Label target) {
        push(condition.left());
        push(condition.right());
        Condition.Comparison comparison = condition.comparison();
        Type type = condition.left().type();
        if (type == Type.INT) {
            code.visitJumpInsn(switch (comparison) {
                case GT -> IF_ICMPLE;
                case GE -> IF_ICMPLT;
                case LT -> IF_ICMPGE;
                case LE -> IF_ICMPGT;
                case EQ -> IF_ICMPNE;
                case NE -> IF_ICMPEQ;
            }, target);
            return;
        }
        boolean greaterOnNaN = comparison == Condition.Comparison.LT
                || comparison == Condition.Comparison.LE;
        code.visitInsn(type == Type.FLOAT ? (greaterOnNaN ? FCMPG : FCMPL)
                : (greaterOnNaN ? DCMPG : DCMPL));
        code.visitJumpInsn(switch (comparison) {
            case GT -> IFLE;
            case GE -> IFLT;
            case LT -> IFGE;
            case LE -> IFGT;
            case EQ -> IFNE;
            case NE -> IFEQ;
        }, target);
    }

    /**
     * Pushes the array and all indices of an element access but the last one, loading rows on
     * the way: what precedes the final {@code xALOAD} or {@code xASTORE}.
     */
    void pushElementAddress(ArrayRef array, List<Expr> indices) {
        pushArray(array);
        for (int i = 0; i < indices.size() - 1; i++) {
            push(indices.get(i));
            code.visitInsn(AALOAD);
        }
        push(indices.get(indices.size() - 1));
    }

    private void load(Expr.Load load) {
        if (load.array() instanceof ArrayRef.Scalars v) {
            pushField(v.field(load.indices().get(0)), v.element(), 0);
            return;
        }
        if (load.indices().isEmpty()) {
            pushArray(load.array());
            return;
        }
        pushElementAddress(load.array(), load.indices());
        boolean element = load.indices().size() == load.array().rank();
        code.visitInsn(element ? JavaTypes.asm(load.array().element()).getOpcode(IALOAD)
                : AALOAD);
    }

    private void pushArray(ArrayRef array) {
        if (array instanceof ArrayRef.Field f) {
            pushField(f.name(), f.element(), f.rank());
        } else {
            code.visitVarInsn(ALOAD, slots.lookup(array.name()).index());
        }
    }

    /** {@code this.name}, a field of the generated class. */
    private void pushField(String name, Type element, int rank) {
        code.visitVarInsn(ALOAD, 0);
        code.visitFieldInsn(GETFIELD, members.internalName(), name,
                JavaTypes.descriptor(element, rank));
    }

    /** The shortest instruction that pushes the constant, as javac would pick it. */
    private void constant(Type type, double value) {
        if (type == Type.INT) {
            pushInt(code, (int) value);
        } else if (type == Type.FLOAT) {
            // Canonical NaN, as the source's Float.NaN.
            float v = Double.isNaN(value) ? Float.NaN : (float) value;
            int bits = Float.floatToRawIntBits(v);
            if (bits == 0 || v == 1.0f || v == 2.0f) {
                code.visitInsn(FCONST_0 + (int) v);
            } else {
                code.visitLdcInsn(v);
            }
        } else {
            double v = Double.isNaN(value) ? Double.NaN : value;
            if (Double.doubleToRawLongBits(v) == 0 || v == 1.0) {
                code.visitInsn(DCONST_0 + (int) v);
            } else {
                code.visitLdcInsn(v);
            }
        }
    }

    static void pushInt(MethodVisitor code, int value) {
        if (value >= -1 && value <= 5) {
            code.visitInsn(ICONST_0 + value);
        } else if (value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE) {
            code.visitIntInsn(BIPUSH, value);
        } else if (value >= Short.MIN_VALUE && value <= Short.MAX_VALUE) {
            code.visitIntInsn(SIPUSH, value);
        } else {
            code.visitLdcInsn(value);
        }
    }

    private void convert(Type from, Type to) {
        if (from == to) {
            return;
        }
        code.visitInsn(switch (from.name() + ">" + to.name()) {
            case "INT>FLOAT" -> I2F;
            case "INT>DOUBLE" -> I2D;
            case "FLOAT>DOUBLE" -> F2D;
            case "FLOAT>INT" -> F2I;
            case "DOUBLE>FLOAT" -> D2F;
            case "DOUBLE>INT" -> D2I;
            default -> throw new IllegalArgumentException("no conversion from " + from + " to "
                    + to);
        });
    }

    private static int arithmetic(Expr.BinaryOp op) {
        return switch (op) {
            case ADD -> IADD;
            case SUB -> ISUB;
            case MUL -> IMUL;
            case DIV -> IDIV;
        };
    }
}
