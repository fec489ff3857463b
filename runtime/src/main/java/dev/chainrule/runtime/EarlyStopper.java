package dev.chainrule.runtime;

/**
 * The state of {@link EarlyStopping} during a run: the best validation loss so far, its epoch,
 * the epochs since, and (with restore best) a copy of the best epoch's parameters.
 */
final class EarlyStopper {

    final EarlyStopping settings;
    /** Best validation loss so far; +infinity before the first epoch. */
    double best = Double.POSITIVE_INFINITY;
    /** The epoch (from 1) that reached {@link #best}; 0 before any. */
    int bestEpoch;
    /** Epochs in a row without improvement. */
    int wait;
    /** The best epoch's parameters, row-major, in parameter-name order; null before any. */
    double[][] bestWeights;

    EarlyStopper(EarlyStopping settings) {
        this.settings = settings;
    }

    /** Records an epoch's validation loss; true when training should stop now. */
    boolean epochEnded(int epoch, double validationLoss, Network net) {
        if (validationLoss < best - settings.minDelta()) {
            best = validationLoss;
            bestEpoch = epoch;
            wait = 0;
            if (settings.restoreBest()) {
                bestWeights = read(net);
            }
            return false;
        }
        wait++;
        return wait >= settings.patience();
    }

    /** Puts the best epoch's parameters back, if restore best is on and there was one. */
    void restore(Network net) {
        if (settings.restoreBest() && bestWeights != null) {
            String[] names = net.parameterNames();
            for (int p = 0; p < names.length; p++) {
                net.setParameter(names[p], bestWeights[p]);
            }
        }
    }

    static double[][] read(Network net) {
        String[] names = net.parameterNames();
        double[][] values = new double[names.length][];
        for (int p = 0; p < names.length; p++) {
            values[p] = net.getParameter(names[p]);
        }
        return values;
    }
}
