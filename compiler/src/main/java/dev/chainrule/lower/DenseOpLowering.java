package dev.chainrule.lower;

import dev.chainrule.ir.Graph;
import dev.chainrule.ir.Op;
import dev.chainrule.ir.Value;
import java.util.List;

/**
 * The dense ops of the IR (matvec, Wᵀg, outer products into gradients) and the decisions that
 * shape them: which inputs get a nonzero list, and which Wᵀg only needs the rows relu passed.
 */
final class DenseOpLowering {

    private final Storage storage;
    private final LoweringPolicy policy;
    private final Type real;

    DenseOpLowering(Storage storage, LoweringPolicy policy) {
        this.storage = storage;
        this.policy = policy;
        this.real = storage.real();
    }

    List<Stmt> matVec(Value v) {
        int w = v.input(0);
        int a = v.input(1);
        int rows = v.shape().rows();
        int cols = graph().value(a).shape().rows();
        return DenseKernels.matVec(storage.array(v.id()), storage.array(w),
                k -> storage.element(a, k), rows, cols, policy.unrollDense(rows, cols),
                policy.rowBlock(), storage.nonZeros(a), real);
    }

    List<Stmt> matTVec(Value v) {
        int w = v.input(0);
        int g = v.input(1);
        int rows = graph().value(w).shape().rows();
        int cols = v.shape().rows();
        return DenseKernels.matTVec(storage.array(v.id()), storage.array(w),
                k -> storage.element(g, k), rows, cols, policy.unrollDense(rows, cols),
                policy.rowBlock(), reluMask(v), real);
    }

    /** Statements adding outer-product value {@code outer} (g aᵀ) into {@code gradient} rows. */
    List<Stmt> accumulateOuter(Value outer, ArrayRef gradient) {
        int rows = outer.shape().rows();
        int cols = outer.shape().cols();
        int g = outer.input(0);
        int a = outer.input(1);
        return DenseKernels.accumulateOuter(gradient, k -> storage.element(g, k),
                k -> storage.element(a, k), rows, cols, policy.unrollDense(rows, cols),
                policy.rowBlock(), storage.nonZeros(a), real);
    }

    /** {@code W -= step · g aᵀ} for outer-product value {@code outer}. */
    List<Stmt> descendOuter(Value outer, ArrayRef weight, Expr step) {
        int g = outer.input(0);
        int a = outer.input(1);
        int rows = outer.shape().rows();
        int cols = outer.shape().cols();
        return DenseKernels.descendOuter(weight, step, k -> storage.element(g, k),
                k -> storage.element(a, k), rows, cols, policy.unrollDense(rows, cols),
                policy.rowBlock(), storage.nonZeros(a), real);
    }

    /** Statements adding vector value {@code id} into {@code gradient}. */
    List<Stmt> accumulateVector(int id, ArrayRef gradient) {
        int n = graph().value(id).shape().rows();
        return Code.each("j", n, policy.unrollElementwise(n), k -> List.of(Code.store(gradient, k,
                Code.add(Code.load(gradient, k), storage.element(id, k)))));
    }

    /**
     * Whether matvec {@code v} should list its input's nonzeros for itself and the loops after
     * it: exact zeros are common only in data (MNIST is 81% zeros) and after relu, and an
     * unrolled layer has no loop to shorten.
     */
    boolean listsNonZeros(Value v) {
        if (v.op().kind() != Op.Kind.MATVEC) {
            return false;
        }
        int rows = v.shape().rows();
        int cols = graph().value(v.input(1)).shape().rows();
        Op.Kind input = graph().value(v.input(1)).op().kind();
        return policy.skipZeros() && (input == Op.Kind.INPUT || input == Op.Kind.RELU)
                && !policy.unrollDense(rows, cols);
    }

    /**
     * When {@code mul} is {@code (Wᵀg) ⊙ relu′(r)} with a masked {@code Wᵀg}, that Wᵀg's id:
     * the product equals it bit for bit (listed rows are multiplied by 1, the others are +0
     * times 0), so it can share its storage instead of being computed. Otherwise -1.
     */
    int reluMaskedProduct(Value mul) {
        if (mul.op().kind() != Op.Kind.MUL || mul.inputs().size() != 2) {
            return -1;
        }
        for (int side = 0; side < 2; side++) {
            Value product = graph().value(mul.input(side));
            Value derivative = graph().value(mul.input(1 - side));
            if (product.op().kind() == Op.Kind.MATTVEC && reluMask(product) != null
                    && derivative.op().kind() == Op.Kind.RELU_DERIVATIVE
                    && storage.nonZeros(derivative.input(0)) == reluMask(product)) {
                return product.id();
            }
        }
        return -1;
    }

    /**
     * The nonzero list of the relu output r when {@code Wᵀg} is read only as {@code (Wᵀg) ⊙
     * relu′(r)} and r is the input W multiplies forward: then only r's listed rows matter.
     */
    Storage.NonZeros reluMask(Value matTVec) {
        int w = matTVec.input(0);
        Graph graph = graph();
        Integer input = graph.values().stream()
                .filter(u -> u.op().kind() == Op.Kind.MATVEC && u.input(0) == w)
                .map(u -> u.input(1)).findFirst().orElse(null);
        if (input == null || storage.nonZeros(input) == null
                || graph.value(input).op().kind() != Op.Kind.RELU
                || graph.outputs().containsValue(matTVec.id())) {
            return null;
        }
        for (Value u : graph.values()) {
            if (!u.inputs().contains(matTVec.id())) {
                continue;
            }
            boolean masked = u.op().kind() == Op.Kind.MUL && u.inputs().size() == 2
                    && u.inputs().stream().anyMatch(in -> {
                        Value other = graph.value(in);
                        return other.op().kind() == Op.Kind.RELU_DERIVATIVE
                                && other.input(0) == input;
                    });
            if (!masked) {
                return null;
            }
        }
        return storage.nonZeros(input);
    }

    private Graph graph() {
        return storage.graph();
    }
}
