package dev.chainrule.runtime;

import java.util.Arrays;

/**
 * The replicas {@link ParallelTrainer} runs chunks on: further instances of the network's class
 * ({@link GeneratedNetwork#newReplica}) with their own activations and accumulators. Replica 0
 * is the network itself. Replica {@code r} belongs to thread {@code r % threads}; replicas
 * {@code 0 .. threads - 1} are the <i>leads</i>, each with its own copy of the parameters, and
 * every other replica shares its lead's weight rows (the row arrays themselves) and gets a copy
 * of the network's bias vectors before every batch.
 */
final class Replicas {

    private final GeneratedNetwork network;
    private final int threads;
    private GeneratedNetwork[] replicas;
    /** The network's parameter version that the other leads' copies match, if any. */
    private int leadsVersion;
    private boolean leadsCurrent;

    Replicas(GeneratedNetwork network, int threads) {
        this.network = network;
        this.threads = threads;
        this.replicas = new GeneratedNetwork[] {network};
    }

    GeneratedNetwork get(int r) {
        return replicas[r];
    }

    int size() {
        return replicas.length;
    }

    /**
     * Makes replicas {@code 0 .. used - 1} ready for a batch: creates missing ones, refreshes
     * the leads' parameters if the network's changed, copies the biases to the followers, and
     * tells every replica but the network that its weights changed behind its generated code
     * (copies derived from weights must be made again).
     */
    void prepare(int used) {
        ensure(used);
        if (!leadsCurrent || leadsVersion != network.parameterVersion()) {
            Object[] source = network.parameterArrays();
            for (int t = 1; t < threads; t++) {
                RowArrays.copyAll(source, replicas[t].parameterArrays());
            }
            leadsCurrent();
        }
        Object[] source = network.parameterArrays();
        for (int p = 0; p < source.length; p++) {
            if (!(source[p] instanceof Object[])) { // weight rows are shared with the lead
                for (int r = threads; r < used; r++) {
                    RowArrays.copyRow(source[p], replicas[r].parameterArrays()[p]);
                }
            }
        }
        for (int r = 1; r < used; r++) {
            replicas[r].parametersChanged();
        }
    }

    /** The leads' parameters may differ from the network's until the next {@link #prepare}. */
    void leadsStale() {
        leadsCurrent = false;
    }

    /** Every lead holds the network's current parameters. */
    void leadsCurrent() {
        leadsVersion = network.parameterVersion();
        leadsCurrent = true;
    }

    private void ensure(int n) {
        if (replicas.length >= n) {
            return;
        }
        GeneratedNetwork[] grown = Arrays.copyOf(replicas, n);
        for (int r = replicas.length; r < n; r++) {
            GeneratedNetwork replica = network.newReplica();
            checkSameShape(replica);
            if (r >= threads) {
                Object[] lead = grown[r % threads].parameterArrays();
                Object[] own = replica.parameterArrays();
                for (int p = 0; p < lead.length; p++) {
                    if (lead[p] instanceof Object[]) {
                        Object[] rows = (Object[]) lead[p];
                        System.arraycopy(rows, 0, (Object[]) own[p], 0, rows.length);
                    }
                }
            } else {
                leadsCurrent = false;
            }
            replica.clearGradients(); // whatever its constructor left, start from zero
            grown[r] = replica;
        }
        replicas = grown;
    }

    private void checkSameShape(GeneratedNetwork replica) {
        if (replica.getClass() != network.getClass()) {
            throw new IllegalStateException("replica of " + network.getClass().getName()
                    + " is a " + replica.getClass().getName());
        }
        Object[] mine = network.parameterArrays();
        Object[] theirs = replica.parameterArrays();
        boolean same = mine.length == theirs.length;
        for (int p = 0; same && p < mine.length; p++) {
            String shape = RowArrays.shapeOf(mine[p]); // one string per row: build it once
            same = shape.equals(RowArrays.shapeOf(theirs[p]))
                    && shape.equals(RowArrays.shapeOf(network.gradientArrays()[p]))
                    && shape.equals(RowArrays.shapeOf(replica.gradientArrays()[p]));
        }
        if (!same) {
            throw new IllegalStateException("a replica of " + network.name()
                    + " stores its parameters differently");
        }
    }

    /** A new instance of {@code network}'s class through its no-arg constructor. */
    static GeneratedNetwork byConstructor(GeneratedNetwork network) {
        try {
            java.lang.reflect.Constructor<? extends GeneratedNetwork> constructor =
                    network.getClass().getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (ReflectiveOperationException | RuntimeException e) {
            Throwable cause = e instanceof java.lang.reflect.InvocationTargetException
                    ? e.getCause() : e;
            throw new IllegalStateException(network.name() + ": cannot create a replica for"
                    + " parallel training through " + network.getClass().getName() + "(): "
                    + cause, cause);
        }
    }
}
