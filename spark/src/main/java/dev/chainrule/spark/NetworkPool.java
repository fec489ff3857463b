package dev.chainrule.spark;

import dev.chainrule.runtime.Network;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Instances of compiled descriptions kept per JVM, so an executor builds a network once and its
 * tasks reuse it (a network is used by one task at a time: instances are not thread-safe).
 */
final class NetworkPool {

    private static final ConcurrentHashMap<Description, ConcurrentLinkedQueue<Network>> IDLE =
            new ConcurrentHashMap<>();

    private NetworkPool() {
    }

    /** An idle instance of {@code description}, or a new one; its parameters are arbitrary. */
    static Network borrow(Description description) {
        Network net = IDLE.computeIfAbsent(description, d -> new ConcurrentLinkedQueue<>()).poll();
        return net != null ? net : description.newNetwork();
    }

    /** Hands {@code net} back for the next task. */
    static void giveBack(Description description, Network net) {
        IDLE.computeIfAbsent(description, d -> new ConcurrentLinkedQueue<>()).add(net);
    }

    /** Sets every parameter of {@code net}, in parameter order. */
    static void setAll(Network net, double[][] values) {
        String[] names = net.parameterNames();
        for (int p = 0; p < names.length; p++) {
            net.setParameter(names[p], values[p]);
        }
    }

    /** Every parameter of {@code net}, in parameter order, row-major. */
    static double[][] getAll(Network net) {
        String[] names = net.parameterNames();
        double[][] values = new double[names.length][];
        for (int p = 0; p < names.length; p++) {
            values[p] = net.getParameter(names[p]);
        }
        return values;
    }
}
