package dev.chainrule.spark;

import dev.chainrule.spark.PartialSums.Partial;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.SparkEnv;

/**
 * How the tasks of one barrier stage add their partial sums at every step: over TCP, through
 * partition 0's task, which adds all of them in partition order and sends the total back. The
 * tasks find partition 0's task through the driver's {@link Rendezvous}. XGBoost and LightGBM
 * on Spark connect the same way: the barrier stage starts the tasks together, their own network
 * carries the sums.
 *
 * <pre>{@code
 * try (StepExchange exchange = StepExchange.open(context, driver, partition, sizes, floats)) {
 *     Partial total = exchange.total(mine);   // the same on every task
 * }
 * }</pre>
 *
 * <p>A task that fails closes its connections, so the others fail too and Spark retries the
 * stage as a whole.
 */
final class StepExchange implements AutoCloseable {

    private final int partition;
    private final int[] sizes;
    private final boolean floats;
    private final List<Socket> sockets = new ArrayList<>();
    private final List<DataInputStream> ins = new ArrayList<>();
    private final List<DataOutputStream> outs = new ArrayList<>();

    private StepExchange(int partition, int[] sizes, boolean floats) {
        this.partition = partition;
        this.sizes = sizes;
        this.floats = floats;
    }

    /**
     * Connects the stage's tasks: partition 0 listens, the others connect to it.
     *
     * @param driver the fit's rendezvous, where partition 0 posts its address
     * @param sizes every parameter's length
     * @param floats whether partial sums travel as floats (a single-precision network's are)
     */
    static StepExchange open(BarrierTaskContext context, Rendezvous.Address driver,
                             int partition, int[] sizes, boolean floats) {
        StepExchange exchange = new StepExchange(partition, sizes, floats);
        try {
            int tasks = context.getTaskInfos().length;
            if (partition == 0) {
                try (ServerSocket server = new ServerSocket(0)) {
                    // The host other executors fetch shuffle blocks from: reachable from them.
                    String host = SparkEnv.get().blockManager().blockManagerId().host();
                    Rendezvous.post(driver, context, host + " " + server.getLocalPort());
                    server.setSoTimeout(1000);
                    while (exchange.sockets.size() < tasks - 1) {
                        try {
                            exchange.add(server.accept());
                        } catch (SocketTimeoutException e) {
                            // accept() ignores interrupts: a killed stage is noticed here
                            if (context.isInterrupted()) {
                                throw new IOException("the stage was stopped");
                            }
                        }
                    }
                }
            } else {
                String[] hostAndPort = Rendezvous.await(driver, context).split(" ");
                exchange.add(new Socket(hostAndPort[0], Integer.parseInt(hostAndPort[1])));
            }
            return exchange;
        } catch (IOException e) {
            exchange.close();
            throw new UncheckedIOException("partition " + partition + ": cannot connect the"
                    + " barrier tasks", e);
        }
    }

    private void add(Socket socket) throws IOException {
        socket.setTcpNoDelay(true);
        sockets.add(socket);
        ins.add(new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16)));
        outs.add(new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(),
                1 << 16)));
    }

    /** The sum of every task's {@code mine}, added in partition order; the same on every task. */
    Partial total(Partial mine) {
        try {
            if (partition != 0) {
                PartialSums.write(mine, floats, outs.get(0));
                return PartialSums.read(ins.get(0), sizes);
            }
            List<Partial> partials = new ArrayList<>(List.of(mine));
            for (DataInputStream in : ins) {
                partials.add(PartialSums.read(in, sizes));
            }
            Partial total = PartialSums.inOrder(partials, -1);
            for (DataOutputStream out : outs) {
                PartialSums.write(total, false, out);   // doubles: the sum is not a float
            }
            return total;
        } catch (IOException e) {
            throw new UncheckedIOException("partition " + partition + ": a barrier task stopped"
                    + " exchanging partial sums", e);
        }
    }

    @Override
    public void close() {
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway: the stage is ending
            }
        }
    }
}
