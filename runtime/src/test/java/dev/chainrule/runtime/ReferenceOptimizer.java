package dev.chainrule.runtime;

/**
 * An independent reference for the optimizer tests: {@link TinyNet}'s model ({@code y = Wx + b},
 * loss {@code ½Σ(y − t)²}) trained in double precision on flat arrays with the update rules
 * transcribed line by line from PyTorch 1.13's single-tensor code paths
 * ({@code torch/optim/sgd.py _single_tensor_sgd}, {@code adam.py _single_tensor_adam},
 * {@code adamw.py _single_tensor_adamw}, {@code torch/nn/utils/clip_grad.py clip_grad_norm_}).
 * Parameters are one flat vector: {@code W} row-major {@code [out][in]}, then {@code b}.
 */
final class ReferenceOptimizer {

    final int in;
    final int out;
    final double[] theta;
    private final String type;
    private final double momentum;
    private final double dampening;
    private final boolean nesterov;
    private final double weightDecay;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final boolean amsgrad;
    private final double maxNorm;
    private final double[] buf;
    private final double[] expAvg;
    private final double[] expAvgSq;
    private final double[] maxExpAvgSq;
    private boolean hasBuffer;
    private int step;

    ReferenceOptimizer(int in, int out, double[] weight, double[] bias, Optimizer o,
                       double maxNorm) {
        this.in = in;
        this.out = out;
        theta = new double[out * in + out];
        System.arraycopy(weight, 0, theta, 0, out * in);
        System.arraycopy(bias, 0, theta, out * in, out);
        type = o.type().spelling();
        momentum = o.momentum();
        dampening = o.dampening();
        nesterov = o.nesterov();
        weightDecay = o.weightDecay();
        beta1 = o.beta1();
        beta2 = o.beta2();
        eps = o.eps();
        amsgrad = o.amsgrad();
        this.maxNorm = maxNorm;
        buf = new double[theta.length];
        expAvg = new double[theta.length];
        expAvgSq = new double[theta.length];
        maxExpAvgSq = new double[theta.length];
    }

    /** One step on samples {@code from .. from + count - 1} at learning rate {@code lr}. */
    void step(double[][] xs, double[][] ts, int from, int count, double lr) {
        double[] grad = new double[theta.length];
        for (int s = from; s < from + count; s++) {
            for (int o = 0; o < out; o++) {
                double y = theta[out * in + o];
                for (int i = 0; i < in; i++) {
                    y += theta[o * in + i] * xs[s][i];
                }
                double delta = y - ts[s][o];
                grad[out * in + o] += delta;
                for (int i = 0; i < in; i++) {
                    grad[o * in + i] += delta * xs[s][i];
                }
            }
        }
        for (int k = 0; k < grad.length; k++) {
            grad[k] = grad[k] / count;
        }
        if (maxNorm > 0) {
            // norms = [norm(g) for each parameter]; total = norm(stack(norms))
            double weightSquares = 0;
            for (int k = 0; k < out * in; k++) {
                weightSquares += grad[k] * grad[k];
            }
            double biasSquares = 0;
            for (int k = out * in; k < grad.length; k++) {
                biasSquares += grad[k] * grad[k];
            }
            double weightNorm = Math.sqrt(weightSquares);
            double biasNorm = Math.sqrt(biasSquares);
            double total = Math.sqrt(weightNorm * weightNorm + biasNorm * biasNorm);
            double clipCoef = maxNorm / (total + 1e-6);
            double clamped = Math.min(clipCoef, 1.0);
            if (clamped != 1.0) { // g.mul_(1.0) changes nothing
                for (int k = 0; k < grad.length; k++) {
                    grad[k] = grad[k] * clamped;
                }
            }
        }
        step++;
        for (int k = 0; k < theta.length; k++) {
            double param = theta[k];
            double g = grad[k];
            if (type.equals("sgd")) {
                double dP = g;
                if (weightDecay != 0) {
                    dP = dP + weightDecay * param;             // d_p.add(param, alpha=wd)
                }
                if (momentum != 0) {
                    double b;
                    if (!hasBuffer) {
                        b = dP;                                // buf = clone(d_p)
                    } else {
                        b = buf[k] * momentum + (1 - dampening) * dP;
                    }
                    buf[k] = b;
                    dP = nesterov ? dP + momentum * b : b;     // d_p.add(buf, alpha=momentum)
                }
                theta[k] = param + (-lr) * dP;                 // param.add_(d_p, alpha=-lr)
                continue;
            }
            if (type.equals("adamw")) {
                param = param * (1 - lr * weightDecay);        // param.mul_(1 - lr * wd)
            } else if (weightDecay != 0) {
                g = g + weightDecay * param;                   // grad.add(param, alpha=wd)
            }
            expAvg[k] = expAvg[k] * beta1 + (1 - beta1) * g;   // mul_(b1).add_(g, alpha=1-b1)
            expAvgSq[k] = expAvgSq[k] * beta2 + (1 - beta2) * g * g; // addcmul_(g, g, 1-b2)
            double biasCorrection1 = 1 - Math.pow(beta1, step);
            double biasCorrection2 = 1 - Math.pow(beta2, step);
            double stepSize = lr / biasCorrection1;
            double biasCorrection2Sqrt = Math.sqrt(biasCorrection2);
            double denom;
            if (amsgrad) {
                maxExpAvgSq[k] = Math.max(maxExpAvgSq[k], expAvgSq[k]);
                denom = Math.sqrt(maxExpAvgSq[k]) / biasCorrection2Sqrt + eps;
            } else {
                denom = Math.sqrt(expAvgSq[k]) / biasCorrection2Sqrt + eps;
            }
            theta[k] = param + (-stepSize) * (expAvg[k] / denom); // addcdiv_(m, denom, -step_size)
        }
        hasBuffer = true;
    }

    double[] weight() {
        return java.util.Arrays.copyOfRange(theta, 0, out * in);
    }

    double[] bias() {
        return java.util.Arrays.copyOfRange(theta, out * in, theta.length);
    }
}
