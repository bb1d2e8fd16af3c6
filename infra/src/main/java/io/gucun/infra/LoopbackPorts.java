package io.gucun.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** TCP ports on 127.0.0.1, where every piece of infra listens. */
public final class LoopbackPorts {

    private LoopbackPorts() {
    }

    private static final InetAddress LOOPBACK;

    static {
        try {
            // Literal 127.0.0.1, not getLoopbackAddress(): that one turns into ::1 with -Djava.net.preferIPv6Addresses.
            LOOPBACK = InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1});
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The address infra binds to: always 127.0.0.1, never a public interface. */
    public static InetAddress address() {
        return LOOPBACK;
    }

    /**
     * A port that is free on 127.0.0.1 right now. Another process may take it before it is used; the servers then fail
     * to bind, and say so.
     */
    public static int free() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(address(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find a free TCP port on 127.0.0.1", e);
        }
    }

    /**
     * {@code port} itself if it is free on 127.0.0.1, or a free port if it is 0.
     *
     * @param what names the server in the message, e.g. "PostgreSQL"
     * @throws IllegalStateException naming the port if something already listens there
     */
    public static int resolve(int port, String what) {
        if (port == 0) {
            return free();
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(what + " port " + port + " is not a TCP port (0 picks a free one)");
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(address(), port));
            return port;
        } catch (IOException e) {
            throw new IllegalStateException(what + " port " + port + " on 127.0.0.1 is already in use"
                    + " (another instance still running?); stop that process or choose another port", e);
        }
    }

    /** Whether something accepts TCP connections on 127.0.0.1:{@code port}. */
    public static boolean isListening(int port, int timeoutMillis) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address(), port), timeoutMillis);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
