package dev.chainrule.runtime;

/**
 * The per-row loops of {@link OptimizerStep}, one float and one double version each, written as
 * PyTorch 1.13 writes the updates ({@code torch/optim/sgd.py}, {@code adam.py}, {@code adamw.py},
 * single-tensor path) so the rounding steps are the same: each input {@code acc[j]} is the sum
 * of the batch's sample gradients, divided by {@code count} for the mean, then multiplied by the
 * clipping coefficient when that is not 1; every loop zeroes {@code acc} as it goes.
 */
final class OptimizerKernels {

    private OptimizerKernels() {
    }

    /** True when every element of a {@code float[]} or {@code double[]} row is ±0. */
    static boolean allZero(Object row) {
        if (row instanceof float[]) {
            for (float x : (float[]) row) {
                if (x != 0) {
                    return false;
                }
            }
            return true;
        }
        for (double x : (double[]) row) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    /** {@code sum + Σ (acc[j] / count)²} in double, in index order. */
    static double sumOfSquares(double[] acc, int count, double sum) {
        for (int j = 0; j < acc.length; j++) {
            double g = acc[j] / count;
            sum += g * g;
        }
        return sum;
    }

    static double sumOfSquares(float[] acc, int count, double sum) {
        float n = count;
        for (int j = 0; j < acc.length; j++) {
            double g = acc[j] / n;
            sum += g * g;
        }
        return sum;
    }

    /** SGD: weight decay, then momentum (nesterov or not) when {@code buf} is not null. */
    static void sgd(double[] p, double[] acc, double[] buf, int count, double coefficient,
                    double rate, Optimizer o, boolean first) {
        double decay = o.weightDecay();
        double mu = o.momentum();
        double keep = 1 - o.dampening();
        boolean clip = coefficient != 1;
        boolean nesterov = o.nesterov();
        for (int j = 0; j < p.length; j++) {
            double g = acc[j] / count;
            acc[j] = 0;
            if (clip) {
                g = g * coefficient;
            }
            if (decay != 0) {
                g = g + decay * p[j];
            }
            if (buf != null) {
                double b = first ? g : buf[j] * mu + keep * g;
                buf[j] = b;
                g = nesterov ? g + mu * b : b;
            }
            p[j] = p[j] - rate * g;
        }
    }

    static void sgd(float[] p, float[] acc, float[] buf, int count, double coefficient,
                    double rate, Optimizer o, boolean first) {
        float n = count;
        float c = (float) coefficient;
        float decay = (float) o.weightDecay();
        float mu = (float) o.momentum();
        float keep = (float) (1 - o.dampening());
        float lr = (float) rate;
        boolean clip = coefficient != 1;
        boolean nesterov = o.nesterov();
        for (int j = 0; j < p.length; j++) {
            float g = acc[j] / n;
            acc[j] = 0;
            if (clip) {
                g = g * c;
            }
            if (decay != 0) {
                g = g + decay * p[j];
            }
            if (buf != null) {
                float b = first ? g : buf[j] * mu + keep * g;
                buf[j] = b;
                g = nesterov ? g + mu * b : b;
            }
            p[j] = p[j] - lr * g;
        }
    }

    /**
     * Adam and AdamW: {@code stepSize = rate / (1 - β₁ᵗ)}, {@code correction2 = √(1 - β₂ᵗ)};
     * {@code max} is AMSGrad's running maximum or null.
     */
    static void adam(double[] p, double[] acc, double[] m, double[] v, double[] max, int count,
                     double coefficient, double rate, double stepSize, double correction2,
                     Optimizer o) {
        boolean decoupled = o.type() == Optimizer.Type.ADAMW;
        double decay = decoupled ? 0 : o.weightDecay();
        double shrink = 1 - rate * o.weightDecay();
        double b1 = o.beta1();
        double b2 = o.beta2();
        double ob1 = 1 - b1;
        double ob2 = 1 - b2;
        double eps = o.eps();
        boolean clip = coefficient != 1;
        for (int j = 0; j < p.length; j++) {
            double g = acc[j] / count;
            acc[j] = 0;
            if (clip) {
                g = g * coefficient;
            }
            double theta = p[j];
            if (decoupled) {
                theta = theta * shrink;
            } else if (decay != 0) {
                g = g + decay * theta;
            }
            double mj = m[j] * b1 + ob1 * g;
            double vj = v[j] * b2 + ob2 * g * g;
            m[j] = mj;
            v[j] = vj;
            if (max != null) {
                vj = Math.max(max[j], vj);
                max[j] = vj;
            }
            double denominator = Math.sqrt(vj) / correction2 + eps;
            p[j] = theta - stepSize * (mj / denominator);
        }
    }

    static void adam(float[] p, float[] acc, float[] m, float[] v, float[] max, int count,
                     double coefficient, double rate, double stepSize, double correction2,
                     Optimizer o) {
        boolean decoupled = o.type() == Optimizer.Type.ADAMW;
        float n = count;
        float c = (float) coefficient;
        float decay = decoupled ? 0f : (float) o.weightDecay();
        float shrink = (float) (1 - rate * o.weightDecay());
        float b1 = (float) o.beta1();
        float b2 = (float) o.beta2();
        float ob1 = (float) (1 - o.beta1());
        float ob2 = (float) (1 - o.beta2());
        float eps = (float) o.eps();
        float size = (float) stepSize;
        float c2 = (float) correction2;
        boolean clip = coefficient != 1;
        for (int j = 0; j < p.length; j++) {
            float g = acc[j] / n;
            acc[j] = 0;
            if (clip) {
                g = g * c;
            }
            float theta = p[j];
            if (decoupled) {
                theta = theta * shrink;
            } else if (decay != 0) {
                g = g + decay * theta;
            }
            float mj = m[j] * b1 + ob1 * g;
            float vj = v[j] * b2 + ob2 * g * g;
            m[j] = mj;
            v[j] = vj;
            if (max != null) {
                vj = Math.max(max[j], vj);
                max[j] = vj;
            }
            float denominator = (float) Math.sqrt(vj) / c2 + eps;
            p[j] = theta - size * (mj / denominator);
        }
    }

    // ---- The common cases again, without any branch in the loop: the same arithmetic as the
    // general loops above for those settings, in a form C2 vectorizes. ----

    /** The {@code g} of an Adam variant: 0 plain, 1 coupled L2 decay, 2 AdamW's decoupled. */
    static final int ADAM = 0;
    static final int ADAM_L2 = 1;
    static final int ADAMW = 2;

    /** Momentum SGD after the first step: no weight decay, no nesterov, no clipping. */
    static void momentum(float[] p, float[] acc, float[] buf, int count, double rate,
                         Optimizer o) {
        float n = count;
        float mu = (float) o.momentum();
        float keep = (float) (1 - o.dampening());
        float lr = (float) rate;
        for (int j = 0; j < p.length; j++) {
            float g = acc[j] / n;
            acc[j] = 0;
            float b = buf[j] * mu + keep * g;
            buf[j] = b;
            p[j] = p[j] - lr * b;
        }
    }

    static void momentum(double[] p, double[] acc, double[] buf, int count, double rate,
                         Optimizer o) {
        double mu = o.momentum();
        double keep = 1 - o.dampening();
        for (int j = 0; j < p.length; j++) {
            double g = acc[j] / count;
            acc[j] = 0;
            double b = buf[j] * mu + keep * g;
            buf[j] = b;
            p[j] = p[j] - rate * b;
        }
    }

    /** Adam or AdamW ({@code variant}) without AMSGrad and clipping. */
    static void adamPlain(float[] p, float[] acc, float[] m, float[] v, int count, double rate,
                          double stepSize, double correction2, Optimizer o, int variant) {
        float n = count;
        float decay = (float) o.weightDecay();
        float shrink = (float) (1 - rate * o.weightDecay());
        float b1 = (float) o.beta1();
        float b2 = (float) o.beta2();
        float ob1 = (float) (1 - o.beta1());
        float ob2 = (float) (1 - o.beta2());
        float eps = (float) o.eps();
        float size = (float) stepSize;
        float c2 = (float) correction2;
        if (variant == ADAM) {
            for (int j = 0; j < p.length; j++) {
                float g = acc[j] / n;
                acc[j] = 0;
                float mj = m[j] * b1 + ob1 * g;
                float vj = v[j] * b2 + ob2 * g * g;
                m[j] = mj;
                v[j] = vj;
                p[j] = p[j] - size * (mj / ((float) Math.sqrt(vj) / c2 + eps));
            }
        } else if (variant == ADAM_L2) {
            for (int j = 0; j < p.length; j++) {
                float theta = p[j];
                float g = acc[j] / n + decay * theta;
                acc[j] = 0;
                float mj = m[j] * b1 + ob1 * g;
                float vj = v[j] * b2 + ob2 * g * g;
                m[j] = mj;
                v[j] = vj;
                p[j] = theta - size * (mj / ((float) Math.sqrt(vj) / c2 + eps));
            }
        } else {
            for (int j = 0; j < p.length; j++) {
                float theta = p[j] * shrink;
                float g = acc[j] / n;
                acc[j] = 0;
                float mj = m[j] * b1 + ob1 * g;
                float vj = v[j] * b2 + ob2 * g * g;
                m[j] = mj;
                v[j] = vj;
                p[j] = theta - size * (mj / ((float) Math.sqrt(vj) / c2 + eps));
            }
        }
    }

    static void adamPlain(double[] p, double[] acc, double[] m, double[] v, int count,
                          double rate, double stepSize, double correction2, Optimizer o,
                          int variant) {
        double decay = o.weightDecay();
        double shrink = 1 - rate * o.weightDecay();
        double b1 = o.beta1();
        double b2 = o.beta2();
        double ob1 = 1 - b1;
        double ob2 = 1 - b2;
        double eps = o.eps();
        if (variant == ADAM) {
            for (int j = 0; j < p.length; j++) {
                double g = acc[j] / count;
                acc[j] = 0;
                double mj = m[j] * b1 + ob1 * g;
                double vj = v[j] * b2 + ob2 * g * g;
                m[j] = mj;
                v[j] = vj;
                p[j] = p[j] - stepSize * (mj / (Math.sqrt(vj) / correction2 + eps));
            }
        } else if (variant == ADAM_L2) {
            for (int j = 0; j < p.length; j++) {
                double theta = p[j];
                double g = acc[j] / count + decay * theta;
                acc[j] = 0;
                double mj = m[j] * b1 + ob1 * g;
                double vj = v[j] * b2 + ob2 * g * g;
                m[j] = mj;
                v[j] = vj;
                p[j] = theta - stepSize * (mj / (Math.sqrt(vj) / correction2 + eps));
            }
        } else {
            for (int j = 0; j < p.length; j++) {
                double theta = p[j] * shrink;
                double g = acc[j] / count;
                acc[j] = 0;
                double mj = m[j] * b1 + ob1 * g;
                double vj = v[j] * b2 + ob2 * g * g;
                m[j] = mj;
                v[j] = vj;
                p[j] = theta - stepSize * (mj / (Math.sqrt(vj) / correction2 + eps));
            }
        }
    }
}
