package dev.starkbot.testing.fake;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * A bare HTTP/1.1 server on 127.0.0.1 for the fakes of outside services.
 *
 * <p>Written on a {@link ServerSocket} rather than {@code com.sun.net.httpserver} because the faults that matter
 * live below what a regular server lets you do: a stream cut without its terminating chunk, a connection that
 * sends no byte at all, a body shorter than its Content-Length. Connections are kept alive between requests
 * (OkHttp pools and reuses them) and each one is served by its own virtual thread, so concurrent requests work.
 *
 * <p>{@link #close()} closes the listening socket and every open connection and wakes every {@link
 * HttpExchange#pause pause}, so a fake that is stalling never keeps a test waiting.
 */
public final class LoopbackHttpServer implements AutoCloseable {

    /** Serves one request. Returning without completing the exchange closes the connection. */
    @FunctionalInterface
    public interface Handler {
        void handle(RecordedRequest request, HttpExchange exchange) throws IOException, InterruptedException;
    }

    private static final int MAX_HEADER_BYTES = 64 * 1024;

    private final ServerSocket listener;
    private final Handler handler;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final CountDownLatch closing = new CountDownLatch(1);

    private LoopbackHttpServer(ServerSocket listener, Handler handler) {
        this.listener = listener;
        this.handler = handler;
    }

    /** Listens on an ephemeral port of the loopback interface. */
    public static LoopbackHttpServer start(String name, Handler handler) {
        return start(name, handler, null);
    }

    /**
     * The same over TLS when a context is given (its key for 127.0.0.1): for measuring a client as it talks to the
     * real service, over https, where some clients set their sockets up differently than over plain http.
     */
    public static LoopbackHttpServer start(String name, Handler handler, javax.net.ssl.@Nullable SSLContext tls) {
        try {
            var listener = tls == null ? new ServerSocket(0, 50, InetAddress.getLoopbackAddress())
                    : tls.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
            var server = new LoopbackHttpServer(listener, handler);
            server.spawn(name + "-accept", server::acceptLoop);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on loopback", e);
        }
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** {@code http://127.0.0.1:PORT} ({@code https} over TLS), without a trailing slash. */
    public String baseUrl() {
        return (listener instanceof javax.net.ssl.SSLServerSocket ? "https" : "http") + "://127.0.0.1:" + port();
    }

    /**
     * Sleeps for the duration unless the server closes first.
     *
     * @return whether the whole duration passed
     */
    boolean pause(Duration duration) throws InterruptedException {
        return !closing.await(duration.toNanos(), TimeUnit.NANOSECONDS);
    }

    boolean closed() {
        return closing.getCount() == 0;
    }

    @Override
    public void close() {
        closing.countDown();
        closeQuietly(listener);
        connections.forEach(LoopbackHttpServer::closeQuietly);
        // Every thread is now unblocked (sockets closed, pauses woken); waiting for them keeps one test's
        // connections from outliving it and confusing the next.
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofSeconds(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void acceptLoop() {
        while (!closed()) {
            try {
                Socket socket = listener.accept();
                connections.add(socket);
                spawn("fake-http-" + socket.getPort(), () -> serve(socket));
            } catch (IOException e) {
                if (!closed()) {
                    System.err.println("Fake HTTP server stopped accepting: " + e);
                }
                return;
            }
        }
    }

    private void spawn(String name, Runnable body) {
        Thread thread = Thread.ofVirtual().name(name).unstarted(() -> {
            try {
                body.run();
            } finally {
                threads.remove(Thread.currentThread());
            }
        });
        threads.add(thread);
        thread.start();
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            while (!closed()) {
                RecordedRequest request = readRequest(in);
                if (request == null) {
                    return;
                }
                var exchange = new HttpExchange(this, socket);
                handler.handle(request, exchange);
                boolean clientCloses = request.header("connection").map("close"::equalsIgnoreCase).orElse(false);
                if (!exchange.complete() || clientCloses) {
                    return;
                }
            }
        } catch (SocketException | EOFException clientWentAway) {
            // The client closed or reset the connection (a timeout, a cancelled stream): nothing to answer.
        } catch (IOException e) {
            if (!closed()) {
                System.err.println("Fake HTTP connection failed: " + e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // A bug in a fake: print it, since the client only sees a dropped connection.
            e.printStackTrace();
        } finally {
            connections.remove(socket);
        }
    }

    /** Reads one request, or returns null when the client closes an idle kept-alive connection. */
    private static RecordedRequest readRequest(InputStream in) throws IOException {
        String requestLine = readLine(in, true);
        if (requestLine == null) {
            return null;
        }
        String[] parts = requestLine.split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
            throw new IOException("Not an HTTP/1.1 request line: " + requestLine);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        int headerBytes = 0;
        for (String line = readLine(in, false); !line.isEmpty(); line = readLine(in, false)) {
            headerBytes += line.length();
            if (headerBytes > MAX_HEADER_BYTES) {
                throw new IOException("Request headers too large");
            }
            int colon = line.indexOf(':');
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            headers.merge(name, value, (first, next) -> first + ", " + next);
        }
        return RecordedRequest.of(parts[0], parts[1], headers, readBody(in, headers));
    }

    private static byte[] readBody(InputStream in, Map<String, String> headers) throws IOException {
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            var body = new ByteArrayOutputStream();
            for (int size = chunkSize(in); size > 0; size = chunkSize(in)) {
                body.write(in.readNBytes(size));
                readLine(in, false);
            }
            // Trailers, if any, end with an empty line like headers do.
            String trailer;
            do {
                trailer = readLine(in, false);
            } while (!trailer.isEmpty());
            return body.toByteArray();
        }
        String length = headers.get("content-length");
        if (length == null) {
            return new byte[0];
        }
        byte[] body = in.readNBytes(Integer.parseInt(length));
        if (body.length < Integer.parseInt(length)) {
            throw new EOFException("Request body shorter than its Content-Length");
        }
        return body;
    }

    private static int chunkSize(InputStream in) throws IOException {
        String line = readLine(in, false);
        int extension = line.indexOf(';');
        return Integer.parseInt((extension < 0 ? line : line.substring(0, extension)).trim(), 16);
    }

    /** Reads a CRLF-terminated line as ISO-8859-1; at end of stream returns null if allowed, else throws. */
    private static String readLine(InputStream in, boolean endAllowed) throws IOException {
        var line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                if (endAllowed && line.size() == 0) {
                    return null;
                }
                throw new EOFException("Connection closed in the middle of a request");
            }
            if (line.size() > MAX_HEADER_BYTES) {
                throw new IOException("Request line too long");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Already closed or reset: either way it is gone.
        }
    }
}
