package dev.chainrule.spark;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.BarrierTaskContext;

/**
 * Where the tasks of a barrier stage find partition 0's {@link StepExchange}: a small TCP
 * service on the driver, open for one fit (XGBoost on Spark starts its tracker on the driver the
 * same way). Partition 0's task posts its address under its stage attempt; the other tasks ask
 * for it and wait until it is there. {@code BarrierTaskContext.allGather} would do, but Spark
 * polls its answer once a second, which cost a second per epoch.
 *
 * <pre>{@code
 * try (Rendezvous rendezvous = Rendezvous.open(driverHost)) {
 *     Rendezvous.Address driver = rendezvous.address();   // shipped to the tasks
 *     ...   // partition 0: Rendezvous.post(driver, context, "host port")
 *     ...   // the others:  Rendezvous.await(driver, context)
 * }
 * }</pre>
 */
final class Rendezvous implements AutoCloseable {

    /** The driver's service, as tasks reach it. */
    record Address(String host, int port) implements Serializable {
    }

    private final ServerSocket server;
    private final String host;
    private final Map<String, String> posted = new HashMap<>();
    private boolean closed;

    private Rendezvous(ServerSocket server, String host) {
        this.server = server;
        this.host = host;
    }

    /** Listens on every interface; tasks are told {@code advertisedHost} (spark.driver.host). */
    static Rendezvous open(String advertisedHost) {
        try {
            Rendezvous rendezvous = new Rendezvous(new ServerSocket(0), advertisedHost);
            Thread acceptor = new Thread(rendezvous::accept, "chainrule-rendezvous");
            acceptor.setDaemon(true);
            acceptor.start();
            return rendezvous;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the driver's rendezvous socket", e);
        }
    }

    Address address() {
        return new Address(host, server.getLocalPort());
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread answer = new Thread(() -> answer(socket), "chainrule-rendezvous-task");
                answer.setDaemon(true);
                answer.start();
            } catch (IOException e) {
                return;   // closed: the fit is over
            }
        }
    }

    /** One request: {@code post key value} or {@code await key} (answered with the value). */
    private void answer(Socket socket) {
        try (socket) {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            String verb = in.readUTF();
            String key = in.readUTF();
            if (verb.equals("post")) {
                String value = in.readUTF();
                synchronized (this) {
                    posted.put(key, value);
                    notifyAll();
                }
            } else {
                String value;
                synchronized (this) {
                    while (!posted.containsKey(key) && !closed) {
                        wait();
                    }
                    value = posted.get(key);
                }
                if (value != null) {
                    new DataOutputStream(socket.getOutputStream()).writeUTF(value);
                }
            }
        } catch (IOException | InterruptedException e) {
            // the task went away (a killed stage); it retries as a new stage attempt
        }
    }

    /** A stage attempt's key: a retried stage starts afresh. */
    private static String key(BarrierTaskContext context) {
        return context.stageId() + "." + context.stageAttemptNumber();
    }

    /** Partition 0's task: where the others reach its exchange. */
    static void post(Address driver, BarrierTaskContext context, String value) throws IOException {
        try (Socket socket = new Socket(driver.host(), driver.port())) {
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeUTF("post");
            out.writeUTF(key(context));
            out.writeUTF(value);
            out.flush();
        }
    }

    /** Every other task: what partition 0's task posted, once it has. */
    static String await(Address driver, BarrierTaskContext context) throws IOException {
        try (Socket socket = new Socket(driver.host(), driver.port())) {
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeUTF("await");
            out.writeUTF(key(context));
            out.flush();
            socket.setSoTimeout(1000);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            while (true) {
                try {
                    return in.readUTF();
                } catch (SocketTimeoutException e) {
                    // a blocked read ignores interrupts: a killed stage is noticed here
                    if (context.isInterrupted()) {
                        throw new IOException("the stage was stopped");
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            posted.clear();
            notifyAll();
        }
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway: the fit is over
        }
    }
}
