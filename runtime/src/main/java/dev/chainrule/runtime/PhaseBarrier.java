package dev.chainrule.runtime;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs one phase of work on a fixed set of threads, the calling one included, and waits until
 * every thread has finished it: the only synchronization {@link ParallelTrainer} uses. Workers
 * are daemon threads started here and stopped by {@link #close()}. Waiting, on either side,
 * busy-waits for a short while (a phase usually follows the last within microseconds), then
 * parks; nothing is allocated per phase.
 */
final class PhaseBarrier implements AutoCloseable {

    /** The work of a phase; {@code self} is the thread's index, the caller's 0. */
    interface Work {
        void run(int self);
    }

    /**
     * How long a thread busy-waits for the next phase, or for the end of one, before it parks:
     * longer than the gap between two phases, so that a batch usually costs no wake-up, yet
     * short enough not to burn a shared core for long.
     */
    private static final long SPIN_NANOS = 50_000L;

    private final Work work;
    private final Worker[] workers;
    /** The thread running the current phase; published by the write of {@link #generation}. */
    private Thread caller;
    private volatile int generation;
    private volatile boolean closed;
    private final AtomicInteger running = new AtomicInteger();

    /** Starts {@code threads - 1} workers named {@code <name>-1 ..}. */
    PhaseBarrier(String name, int threads, Work work) {
        this.work = work;
        workers = new Worker[threads - 1];
        for (int w = 0; w < workers.length; w++) {
            workers[w] = new Worker(w + 1, name + "-" + (w + 1));
        }
        for (Worker worker : workers) {
            worker.thread.start();
        }
    }

    boolean closed() {
        return closed;
    }

    /** Runs the work on every thread and returns when all are done. One phase at a time. */
    void run() {
        if (workers.length > 0) {
            caller = Thread.currentThread();
            running.set(workers.length);
            generation++; // the only writer; publishes everything the caller set before
            for (Worker worker : workers) {
                if (worker.parked) {
                    LockSupport.unpark(worker.thread);
                }
            }
        }
        work.run(0);
        if (workers.length > 0) {
            await(0, null);
        }
    }

    /** Stops the workers and waits for them. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Worker worker : workers) {
            LockSupport.unpark(worker.thread);
        }
        Thread phaseThread = caller;
        if (phaseThread != null) {
            LockSupport.unpark(phaseThread); // in case a phase is waiting on another thread
        }
        joinWorkers();
    }

    private void joinWorkers() {
        boolean interrupted = false;
        for (Worker worker : workers) {
            while (worker.thread.isAlive()) {
                try {
                    worker.thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The one wait: spins, then parks, until the condition holds. For a worker ({@code self}
     * not null): a generation other than {@code seen} started, or the barrier closed. For the
     * caller: every worker finished the phase (or the barrier was closed meanwhile: then the
     * workers are joined, having finished their units, and the caller returns).
     */
    private void await(int seen, Worker self) {
        boolean interrupted = false;
        long spinStart = 0;
        for (int spins = 0; !done(seen, self); spins++) {
            if ((spins & 63) != 63) {
                continue;
            }
            long now = System.nanoTime();
            if (spinStart == 0) {
                spinStart = now;
                continue;
            }
            if (now - spinStart <= SPIN_NANOS) {
                continue;
            }
            if (self != null) {
                self.parked = true;
                if (!done(seen, self)) {
                    LockSupport.park(this);
                }
                self.parked = false;
                Thread.interrupted(); // an interrupt must not turn parking into spinning
            } else {
                if (closed) {
                    joinWorkers();
                    break;
                }
                LockSupport.park(this);
                if (Thread.interrupted()) {
                    interrupted = true; // a phase cannot be abandoned; keep the status
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean done(int seen, Worker self) {
        return self == null ? running.get() == 0 : generation != seen || closed;
    }

    /** A daemon thread that works on every phase until {@link #close()}. */
    private final class Worker implements Runnable {
        final int index;
        final Thread thread;
        volatile boolean parked;

        Worker(int index, String name) {
            this.index = index;
            this.thread = new Thread(this, name);
            this.thread.setDaemon(true);
        }

        @Override
        public void run() {
            int seen = 0;
            while (true) {
                await(seen, this);
                int current = generation;
                if (current == seen) {
                    return; // closed
                }
                seen = current;
                work.run(index);
                if (running.decrementAndGet() == 0) {
                    LockSupport.unpark(caller);
                }
            }
        }
    }
}
