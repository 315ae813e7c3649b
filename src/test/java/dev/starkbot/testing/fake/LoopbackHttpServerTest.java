package dev.starkbot.testing.fake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The raw HTTP/1.1 plumbing, checked byte by byte with a plain socket as the client. */
class LoopbackHttpServerTest {

    private final List<RecordedRequest> received = new CopyOnWriteArrayList<>();

    @Test
    void keepsTheConnectionAliveAndReadsBothBodyFramings() throws IOException {
        try (var server = LoopbackHttpServer.start("echo", this::echo); var socket = connect(server)) {
            send(socket, "POST /a?x=1 HTTP/1.1\r\nHost: h\r\nX-Twice: 1\r\nX-Twice: 2\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;ext=1\r\nde\r\n0\r\n\r\n");
            assertThat(readResponse(socket.getInputStream())).endsWith("\r\n\r\nabcde");

            send(socket, "POST /b HTTP/1.1\r\nHost: h\r\nContent-Length: 7\r\n\r\n{\"k\":1}");
            assertThat(readResponse(socket.getInputStream())).endsWith("\r\n\r\n{\"k\":1}");
        }
        assertThat(received).hasSize(2);
        assertThat(received.get(0).path()).isEqualTo("/a");
        assertThat(received.get(0).query()).isEqualTo("x=1");
        assertThat(received.get(0).header("X-TWICE")).contains("1, 2");
        assertThat(received.get(1).json().path("k").asInt()).isEqualTo(1);
    }

    @Test
    void hangingUpLeavesTheChunkedBodyUnterminated() throws IOException {
        LoopbackHttpServer.Handler cut = (request, exchange) -> {
            exchange.stream(200, Map.of()).write("data: 1\n\n");
            exchange.hangUp();
        };
        try (var server = LoopbackHttpServer.start("cut", cut); var socket = connect(server)) {
            send(socket, "GET / HTTP/1.1\r\nHost: h\r\n\r\n");

            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);

            assertThat(response).contains("Transfer-Encoding: chunked").endsWith("\r\n9\r\ndata: 1\n\n\r\n");
        }
    }

    @Test
    void closingWakesAPausedHandlerAtOnce() throws IOException, InterruptedException {
        var paused = new CountDownLatch(1);
        LoopbackHttpServer.Handler stall = (request, exchange) -> {
            paused.countDown();
            exchange.pause(Duration.ofMinutes(5));
        };
        var server = LoopbackHttpServer.start("stall", stall);
        try (var socket = connect(server)) {
            send(socket, "GET / HTTP/1.1\r\nHost: h\r\n\r\n");
            // Closing before the request is read would make the kernel answer with a reset instead of a FIN.
            assertThat(paused.await(5, TimeUnit.SECONDS)).isTrue();
            long start = System.nanoTime();

            server.close();

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
            assertThat(socket.getInputStream().read()).as("closed without a byte").isEqualTo(-1);
        }
    }

    private void echo(RecordedRequest request, HttpExchange exchange) throws IOException {
        received.add(request);
        exchange.respond(200, Map.of("Content-Type", "text/plain"), request.body());
    }

    private static Socket connect(LoopbackHttpServer server) throws IOException {
        var socket = new Socket("127.0.0.1", server.port());
        socket.setSoTimeout(5_000);
        return socket;
    }

    private static void send(Socket socket, String request) throws IOException {
        socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
    }

    /** Reads one Content-Length response, leaving the connection open for the next. */
    private static String readResponse(InputStream in) throws IOException {
        var head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            head.append((char) in.read());
        }
        int length = Integer.parseInt(head.toString().replaceAll("(?s).*Content-Length: (\\d+).*", "$1"));
        return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
