package dev.starkbot.testing.fake;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * The response side of one request on a {@link LoopbackHttpServer}: a whole response, a chunked stream, or one
 * of the ways a real server fails to give either.
 *
 * <p>The exchange is {@link #complete()} once a response has been fully framed (Content-Length written, or the
 * terminating chunk sent); only then is the connection kept alive for the next request. Anything else ends with
 * the connection closed, which is what a client sees from a crashed or cut-off server.
 */
public final class HttpExchange {

    private static final String CRLF = "\r\n";

    private final LoopbackHttpServer server;
    private final Socket socket;
    private final OutputStream out;
    private boolean started;
    private boolean complete;

    HttpExchange(LoopbackHttpServer server, Socket socket) throws IOException {
        this.server = server;
        this.socket = socket;
        this.out = socket.getOutputStream();
    }

    /** Sends a whole response framed by Content-Length. */
    public void respond(int status, Map<String, String> headers, String body) throws IOException {
        respond(status, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends a whole binary response framed by Content-Length, such as a file download. */
    public void respond(int status, Map<String, String> headers, byte[] bytes) throws IOException {
        writeHead(status, headers, "Content-Length: " + bytes.length);
        out.write(bytes);
        out.flush();
        complete = true;
    }

    /**
     * Announces the whole body's Content-Length, sends only its first half, then closes the connection: the
     * client's body read fails with an unexpected end of stream.
     */
    public void respondCut(int status, Map<String, String> headers, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        writeHead(status, headers, "Content-Length: " + bytes.length);
        out.write(bytes, 0, bytes.length / 2);
        out.flush();
        hangUp();
    }

    /** Starts a chunked response, the framing SSE streams use over HTTP/1.1. */
    public ChunkedStream stream(int status, Map<String, String> headers) throws IOException {
        writeHead(status, headers, "Transfer-Encoding: chunked");
        out.flush();
        return new ChunkedStream();
    }

    /**
     * Closes the connection now, with a FIN rather than a reset: the client first reads everything already sent,
     * so the number of events it saw before the failure is deterministic.
     */
    public void hangUp() throws IOException {
        out.flush();
        socket.close();
    }

    /** Waits, unless the server closes first; see {@link LoopbackHttpServer#pause}. */
    public boolean pause(Duration duration) throws InterruptedException {
        return server.pause(duration);
    }

    boolean complete() {
        return complete;
    }

    private void writeHead(int status, Map<String, String> headers, String framing) throws IOException {
        if (started) {
            throw new IllegalStateException("Response already started");
        }
        started = true;
        var head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append(CRLF);
        head.append("Date: ").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)))
                .append(CRLF);
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append(CRLF));
        head.append(framing).append(CRLF).append(CRLF);
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 413 -> "Payload Too Large";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            // Anthropic's "overloaded" has no registered reason phrase; clients go by the number.
            default -> "Status " + status;
        };
    }

    /** A response body sent as HTTP/1.1 chunks, each flushed at once so that the client sees it immediately. */
    public final class ChunkedStream {

        private ChunkedStream() {
        }

        public void write(String text) throws IOException {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            if (bytes.length == 0) {
                return; // an empty chunk would end the body
            }
            out.write((Integer.toHexString(bytes.length) + CRLF).getBytes(StandardCharsets.ISO_8859_1));
            out.write(bytes);
            out.write(CRLF.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        /** Sends the terminating chunk: the body ended as the server meant it to. */
        public void finish() throws IOException {
            out.write(("0" + CRLF + CRLF).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            complete = true;
        }
    }
}
