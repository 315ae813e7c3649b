package dev.starkbot.testing.fake;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A bare RFC 6455 WebSocket server on 127.0.0.1 for the fakes of services that push over a socket.
 *
 * <p>Written on a {@link ServerSocket}, like {@link LoopbackHttpServer}, because the faults that matter are the
 * ones a regular server hides: a close frame with a chosen code, or the TCP connection dropped with no close frame
 * at all. Text messages only, no extensions (a client asking for permessage-deflate simply does not get it), and
 * each connection is read by its own virtual thread.
 */
public final class LoopbackWebSocketServer implements AutoCloseable {

    /** What the server does with connections; called on the connection's own thread. */
    public interface Listener {

        /**
         * The upgrade request; returning a status other than 101 refuses it with that status and no body, and
         * {@link #DROP} closes the connection without a byte, as an unreachable server does.
         */
        default int accepts(RecordedRequest upgrade) {
            return 101;
        }

        void opened(Connection connection);

        void text(Connection connection, String text) throws IOException;

        /** The connection ended: {@code code} from the client's close frame, or 1006 when none came. */
        void closed(Connection connection, int code);
    }

    /** What {@link Listener#accepts} returns to drop the connection unanswered. */
    public static final int DROP = 0;

    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

    private final ServerSocket listener;
    private final Listener handler;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private LoopbackWebSocketServer(ServerSocket listener, Listener handler) {
        this.listener = listener;
        this.handler = handler;
    }

    public static LoopbackWebSocketServer start(String name, Listener handler) {
        try {
            var server = new LoopbackWebSocketServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()),
                    handler);
            Thread.ofVirtual().name(name + "-accept").start(server::acceptLoop);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on loopback", e);
        }
    }

    /** {@code ws://127.0.0.1:PORT}, without a trailing slash. */
    public String baseUrl() {
        return "ws://127.0.0.1:" + listener.getLocalPort();
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(listener);
        sockets.forEach(LoopbackWebSocketServer::closeQuietly);
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket socket = listener.accept();
                sockets.add(socket);
                Thread.ofVirtual().name("fake-ws-" + socket.getPort()).start(() -> serve(socket));
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("Fake WebSocket server stopped accepting: " + e);
                }
                return;
            }
        }
    }

    private void serve(Socket socket) {
        Connection connection = null;
        int code = 1006;
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            RecordedRequest upgrade = readUpgrade(in);
            if (upgrade == null) {
                return;
            }
            connection = new Connection(socket, upgrade);
            int status = handler.accepts(upgrade);
            if (status == DROP) {
                return;
            }
            String key = upgrade.header("sec-websocket-key").orElse(null);
            if (status != 101 || key == null
                    || !upgrade.header("upgrade").map("websocket"::equalsIgnoreCase).orElse(false)) {
                connection.write(("HTTP/1.1 " + (status == 101 ? 400 : status) + " Refused\r\n"
                        + "Content-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                return;
            }
            connection.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept(key) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            handler.opened(connection);
            code = readMessages(in, connection);
        } catch (SocketException | EOFException gone) {
            // The client or a scripted drop closed the connection: reported below as 1006.
        } catch (IOException e) {
            if (!closed) {
                System.err.println("Fake WebSocket connection failed: " + e);
            }
        } catch (RuntimeException e) {
            e.printStackTrace(); // a bug in a fake: the client only sees a dropped connection
        } finally {
            sockets.remove(socket);
            if (connection != null && connection.open) {
                connection.open = false;
                handler.closed(connection, code);
            }
        }
    }

    /** Reads frames until a close frame, returning its code (1005 when it carries none). */
    private int readMessages(InputStream in, Connection connection) throws IOException {
        var message = new ByteArrayOutputStream();
        while (true) {
            int first = read(in);
            int second = read(in);
            boolean fin = (first & 0x80) != 0;
            int opcode = first & 0x0F;
            long length = second & 0x7F;
            if (length == 126) {
                length = (read(in) << 8) | read(in);
            } else if (length == 127) {
                length = 0;
                for (int i = 0; i < 8; i++) {
                    length = (length << 8) | read(in);
                }
            }
            if ((second & 0x80) == 0 || length > MAX_MESSAGE_BYTES) {
                throw new IOException("Unmasked or oversized client frame"); // RFC 6455 5.1: clients must mask
            }
            byte[] mask = in.readNBytes(4);
            byte[] payload = in.readNBytes((int) length);
            if (payload.length < length) {
                throw new EOFException("Frame cut short");
            }
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i % 4];
            }
            switch (opcode) {
                case 0x8 -> {
                    int code = payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
                    connection.open = false;
                    connection.sendFrame(0x8, payload);
                    handler.closed(connection, code);
                    return code;
                }
                case 0x9 -> connection.sendFrame(0xA, payload);
                case 0xA -> {
                    // an unsolicited pong: nothing to do
                }
                default -> {
                    message.write(payload);
                    if (fin) {
                        String text = message.toString(StandardCharsets.UTF_8);
                        message.reset();
                        handler.text(connection, text);
                    }
                }
            }
        }
    }

    private static int read(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("Connection closed mid-frame");
        }
        return b;
    }

    private static RecordedRequest readUpgrade(InputStream in) throws IOException {
        String requestLine = readLine(in);
        if (requestLine == null) {
            return null;
        }
        String[] parts = requestLine.split(" ");
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            headers.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim(),
                    (first, next) -> first + ", " + next);
        }
        return RecordedRequest.of(parts[0], parts.length > 1 ? parts[1] : "/", headers, new byte[0]);
    }

    private static String readLine(InputStream in) throws IOException {
        var line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    private static String accept(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((key + ACCEPT_GUID).getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Already closed or reset: either way it is gone.
        }
    }

    /** One accepted WebSocket connection; safe to write from any thread. */
    public static final class Connection {

        private final Socket socket;
        private final OutputStream out;
        private final RecordedRequest upgrade;
        private volatile boolean open = true;

        private Connection(Socket socket, RecordedRequest upgrade) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
            this.upgrade = upgrade;
        }

        /** The upgrade request: its path, query and headers. */
        public RecordedRequest upgrade() {
            return upgrade;
        }

        public boolean isOpen() {
            return open && !socket.isClosed();
        }

        /** Sends a text message; returns false when the connection is already gone. */
        public boolean send(String text) {
            try {
                sendFrame(0x1, text.getBytes(StandardCharsets.UTF_8));
                return true;
            } catch (IOException gone) {
                return false;
            }
        }

        /**
         * Sends a close frame with the code, then closes the socket after a moment: the client reads the frame
         * first, so it sees the code, as it would from a server closing cleanly.
         */
        public void close(int code, String reason) {
            byte[] text = reason.getBytes(StandardCharsets.UTF_8);
            byte[] payload = new byte[2 + text.length];
            payload[0] = (byte) (code >> 8);
            payload[1] = (byte) code;
            System.arraycopy(text, 0, payload, 2, text.length);
            try {
                sendFrame(0x8, payload);
            } catch (IOException alreadyGone) {
                // nothing left to close cleanly
            }
            open = false;
            Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(Duration.ofMillis(200));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                closeQuietly(socket);
            });
        }

        /** Closes the TCP connection with no close frame: what a client sees when a network path dies. */
        public void drop() {
            closeQuietly(socket);
        }

        private synchronized void sendFrame(int opcode, byte[] payload) throws IOException {
            var frame = new ByteArrayOutputStream();
            frame.write(0x80 | opcode);
            if (payload.length < 126) {
                frame.write(payload.length);
            } else if (payload.length < 65_536) {
                frame.write(126);
                frame.write(payload.length >> 8);
                frame.write(payload.length & 0xFF);
            } else {
                frame.write(127);
                for (int shift = 56; shift >= 0; shift -= 8) {
                    frame.write((int) (((long) payload.length) >> shift) & 0xFF);
                }
            }
            frame.write(payload);
            write(frame.toByteArray());
        }

        private synchronized void write(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }
    }
}
