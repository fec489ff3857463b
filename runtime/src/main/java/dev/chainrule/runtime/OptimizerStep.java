package dev.chainrule.runtime;

/**
 * Applies an {@link Optimizer}, with optional gradient clipping, to a {@link GeneratedNetwork}:
 * tight loops over the arrays the network bound ({@link GeneratedNetwork#parameterArrays()} and
 * its gradient accumulators), so it serves every generated class, layer or graph alike. The
 * optimizer's state (momentum buffer, Adam's moments) is allocated once, shaped like the
 * parameters and in their precision; a step allocates nothing.
 *
 * <p>A step reads the accumulators, which hold the sum of the batch's sample gradients,
 * divides by the batch size for the mean gradient {@code g}, clips it if asked
 * ({@code torch.nn.utils.clip_grad_norm_}: the norm of the per-parameter norms, computed in
 * double, each parameter's squares summed in storage order; {@code g ← g · max_norm /
 * (norm + 1e-6)} when that factor is below 1), updates every value in place, and leaves the
 * accumulators zero. Element order never matters (each element is updated alone), and the norm
 * sums in fixed parameter-then-row order, so a step is the same bit for bit on every thread
 * count, whether it runs all at once ({@link #step}) or row by row ({@link #rowByRow}).
 */
final class OptimizerStep {

    private final GeneratedNetwork network;
    private final Optimizer optimizer;
    /** {@code clip_grad_norm_}'s max_norm; 0 when not clipping. */
    private final double maxNorm;
    /** Every row of every parameter, and its accumulator row, in parameter-then-row order. */
    private final Object[] paramRows;
    private final Object[] gradRows;
    /** The parameter each row belongs to, for the per-parameter norms. */
    private final int[] rowParameter;
    /** The flat index of each parameter's first row. */
    private final int[] rowStart;
    private final boolean floats;
    /** Per parameter, shaped like it: momentum buffer or exp_avg; exp_avg_sq; max_exp_avg_sq. */
    private final Object[][] state;
    private final Object[][] stateRows;
    private final double[] parameterNorms;
    /** Steps taken so far (PyTorch's {@code state['step']}). */
    private long steps;
    /** Per flat row: its state is still all zero, and every gradient so far was zero. */
    private final boolean[] idle;

    // The current step, set by begin().
    private int count;
    private double rate;
    private double coefficient;
    private boolean first;
    private double stepSize;
    private double correction2;
    /** Which loop: 0 the general one, 1 plain momentum, 2 Adam without AMSGrad or clipping. */
    private int loop;
    private int adamVariant;

    /**
     * @param maxNorm clip the mean gradient to this total norm; 0 for no clipping
     */
    OptimizerStep(GeneratedNetwork network, Optimizer optimizer, double maxNorm) {
        this.network = network;
        this.optimizer = optimizer;
        this.maxNorm = maxNorm;
        Object[] parameters = network.parameterArrays();
        Object[] gradients = network.gradientArrays();
        int rows = 0;
        for (Object parameter : parameters) {
            rows += parameter instanceof Object[] ? ((Object[]) parameter).length : 1;
        }
        paramRows = new Object[rows];
        gradRows = new Object[rows];
        rowParameter = new int[rows];
        rowStart = new int[parameters.length];
        int r = 0;
        for (int p = 0; p < parameters.length; p++) {
            rowStart[p] = r;
            r = addRows(parameters[p], paramRows, r);
            addRows(gradients[p], gradRows, r - count(parameters[p]));
            for (int k = r - count(parameters[p]); k < r; k++) {
                rowParameter[k] = p;
            }
        }
        floats = rows > 0 && paramRows[0] instanceof float[];
        int kinds = optimizer.type() == Optimizer.Type.SGD ? (optimizer.momentum() != 0 ? 1 : 0)
                : optimizer.amsgrad() ? 3 : 2;
        state = new Object[kinds][];
        stateRows = new Object[kinds][];
        for (int s = 0; s < kinds; s++) {
            state[s] = new Object[parameters.length];
            stateRows[s] = new Object[rows];
            int k = 0;
            for (int p = 0; p < parameters.length; p++) {
                state[s][p] = zerosLike(parameters[p]);
                k = addRows(state[s][p], stateRows[s], k);
            }
        }
        parameterNorms = new double[parameters.length];
        idle = new boolean[rows];
        java.util.Arrays.fill(idle, true);
    }

    private static int count(Object parameter) {
        return parameter instanceof Object[] ? ((Object[]) parameter).length : 1;
    }

    private static int addRows(Object parameter, Object[] rows, int at) {
        if (parameter instanceof Object[]) {
            for (Object row : (Object[]) parameter) {
                rows[at++] = row;
            }
            return at;
        }
        rows[at] = parameter;
        return at + 1;
    }

    private static Object zerosLike(Object array) {
        if (array instanceof float[]) {
            return new float[((float[]) array).length];
        }
        if (array instanceof double[]) {
            return new double[((double[]) array).length];
        }
        Object[] rows = (Object[]) array;
        Object[] copy = (Object[]) java.lang.reflect.Array.newInstance(
                rows.getClass().getComponentType(), rows.length);
        for (int r = 0; r < rows.length; r++) {
            copy[r] = zerosLike(rows[r]);
        }
        return copy;
    }

    /** Steps taken so far. */
    long steps() {
        return steps;
    }

    /** How many state arrays per parameter: 0 (plain sgd), 1 (momentum), 2 (adam), 3 (amsgrad). */
    int stateKinds() {
        return state.length;
    }

    /** State array {@code kind} of parameter {@code p}, shaped like it (live). */
    Object state(int kind, int p) {
        return state[kind][p];
    }

    /** A copy of every state array, {@code [kind][parameter]}, row-major {@code [out][in]}. */
    double[][][] readState() {
        ParameterLayout[] layouts = network.layouts();
        double[][][] copy = new double[state.length][layouts.length][];
        for (int kind = 0; kind < copy.length; kind++) {
            for (int p = 0; p < layouts.length; p++) {
                copy[kind][p] = layouts[p].read(state[kind][p]);
            }
        }
        return copy;
    }

    /** Puts back what {@link #readState} copied, and the step count. */
    void restore(double[][][] values, long steps) {
        ParameterLayout[] layouts = network.layouts();
        for (int kind = 0; kind < values.length; kind++) {
            for (int p = 0; p < layouts.length; p++) {
                layouts[p].write(state[kind][p], values[kind][p]);
            }
        }
        restoreSteps(steps);
    }

    /** Restores the step count (a checkpoint's); the state arrays are filled by the caller. */
    void restoreSteps(long steps) {
        this.steps = steps;
        java.util.Arrays.fill(idle, false); // the restored state need not be zero
    }

    /**
     * One step over the gradient sum of {@code count} samples in the accumulators, at learning
     * rate {@code rate}; the accumulators end zero, and the network hears that its parameters
     * changed.
     */
    void step(int count, double rate) {
        begin(count, rate, maxNorm > 0 ? clipCoefficient(count) : 1);
        try {
            for (int r = 0; r < paramRows.length; r++) {
                row(r);
            }
        } finally {
            finish();
        }
    }

    /**
     * True when a step can go row by row while the gradient is still being summed (no
     * clipping: the clipping norm needs the whole gradient first); then
     * {@link ParallelTrainer} calls {@link #begin}, {@link #rows} for every row once its sum is
     * final, and {@link #finish}. The rows are independent, so any order and any threads give
     * the same result.
     */
    boolean rowByRow() {
        return maxNorm == 0;
    }

    /** Starts a step: counts it and fixes its constants. */
    void begin(int count, double rate, double coefficient) {
        this.count = count;
        this.rate = rate;
        this.coefficient = coefficient;
        steps++;
        first = steps == 1;
        Optimizer o = optimizer;
        if (o.type() == Optimizer.Type.SGD) {
            loop = state.length > 0 && !first && coefficient == 1 && !o.nesterov()
                    && o.weightDecay() == 0 ? 1 : 0;
            return;
        }
        stepSize = rate / (1 - Math.pow(o.beta1(), steps));
        correction2 = Math.sqrt(1 - Math.pow(o.beta2(), steps));
        loop = !o.amsgrad() && coefficient == 1 ? 2 : 0;
        adamVariant = o.type() == Optimizer.Type.ADAMW ? OptimizerKernels.ADAMW
                : o.weightDecay() != 0 ? OptimizerKernels.ADAM_L2 : OptimizerKernels.ADAM;
    }

    /**
     * Steps rows {@code [from, to)} of parameter {@code p} (a vector is row 0 of 1), numbered
     * as in its bound array.
     */
    void rows(int p, int from, int to) {
        for (int r = rowStart[p] + from; r < rowStart[p] + to; r++) {
            row(r);
        }
    }

    /** Ends a step: the network hears that its parameters changed. */
    void finish() {
        network.stepTaken();
    }

    /** Steps flat row {@code r}. */
    private void row(int r) {
        Optimizer o = optimizer;
        Object param = paramRows[r];
        Object grad = gradRows[r];
        if (idle[r]) {
            // Zero state and a zero gradient: momentum without weight decay and plain Adam
            // leave the row exactly as it is (θ − γ·0, θ − s·0/(0 + ε)) and its state zero, so
            // skip it, as generated code skips zero inputs (MNIST's never-lit pixels). Other
            // settings keep a zero-gradient row's state zero too where skipping is allowed. The
            // first nonzero gradient wakes the row for good.
            if (!OptimizerKernels.allZero(grad)) {
                idle[r] = false;
            } else if (loop == 1
                    || loop == 2 && adamVariant == OptimizerKernels.ADAM && o.eps() > 0) {
                return;
            }
        }
        if (loop == 1) {
            if (floats) {
                OptimizerKernels.momentum((float[]) param, (float[]) grad,
                        (float[]) stateRows[0][r], count, rate, o);
            } else {
                OptimizerKernels.momentum((double[]) param, (double[]) grad,
                        (double[]) stateRows[0][r], count, rate, o);
            }
        } else if (loop == 2) {
            if (floats) {
                OptimizerKernels.adamPlain((float[]) param, (float[]) grad,
                        (float[]) stateRows[0][r], (float[]) stateRows[1][r], count, rate,
                        stepSize, correction2, o, adamVariant);
            } else {
                OptimizerKernels.adamPlain((double[]) param, (double[]) grad,
                        (double[]) stateRows[0][r], (double[]) stateRows[1][r], count, rate,
                        stepSize, correction2, o, adamVariant);
            }
        } else if (o.type() == Optimizer.Type.SGD) {
            Object buffer = state.length > 0 ? stateRows[0][r] : null;
            if (floats) {
                OptimizerKernels.sgd((float[]) param, (float[]) grad, (float[]) buffer, count,
                        coefficient, rate, o, first);
            } else {
                OptimizerKernels.sgd((double[]) param, (double[]) grad, (double[]) buffer,
                        count, coefficient, rate, o, first);
            }
        } else {
            Object max = o.amsgrad() ? stateRows[2][r] : null;
            if (floats) {
                OptimizerKernels.adam((float[]) param, (float[]) grad, (float[]) stateRows[0][r],
                        (float[]) stateRows[1][r], (float[]) max, count, coefficient, rate,
                        stepSize, correction2, o);
            } else {
                OptimizerKernels.adam((double[]) param, (double[]) grad,
                        (double[]) stateRows[0][r], (double[]) stateRows[1][r], (double[]) max,
                        count, coefficient, rate, stepSize, correction2, o);
            }
        }
    }

    /**
     * {@code clip_grad_norm_}'s factor for the mean gradient: {@code max_norm / (norm + 1e-6)},
     * at most 1.
     */
    private double clipCoefficient(int count) {
        java.util.Arrays.fill(parameterNorms, 0);
        for (int r = 0; r < gradRows.length; r++) {
            int p = rowParameter[r];
            parameterNorms[p] = floats
                    ? OptimizerKernels.sumOfSquares((float[]) gradRows[r], count, parameterNorms[p])
                    : OptimizerKernels.sumOfSquares((double[]) gradRows[r], count,
                            parameterNorms[p]);
        }
        double total = 0;
        for (double squares : parameterNorms) {
            double norm = Math.sqrt(squares);
            total += norm * norm;
        }
        double coefficient = maxNorm / (Math.sqrt(total) + 1e-6);
        return Math.min(coefficient, 1.0);
    }
}
