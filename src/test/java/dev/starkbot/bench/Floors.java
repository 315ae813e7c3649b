package dev.starkbot.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.sqlite.SQLiteConfig;

import dev.starkbot.testing.fake.LoopbackHttpServer;
import dev.starkbot.testing.fake.LoopbackWebSocketServer;

/**
 * What the machine itself can do, measured in the same run as the figures so that each figure reads as a multiple
 * of it: a raw SQLite insert and commit (with StarkBot's own settings: WAL, synchronous NORMAL), a raw loopback HTTP
 * round trip, and a raw WebSocket echo.
 *
 * @param sqliteCommit one insert and commit, p50
 * @param httpRoundTrip a small GET answered on loopback over a kept-alive connection, p50
 * @param wsEcho        a small text frame echoed back on loopback, p50
 */
public record Floors(Samples sqliteCommit, Samples httpRoundTrip, Samples wsEcho) {

    private static final int ROUNDS = 2_000;

    public static Floors measure(Path scratch) throws Exception {
        return new Floors(sqlite(scratch), http(), webSocket());
    }

    public void report(Report report) {
        report.add(Figure.of("floor", "raw SQLite insert + commit, p50", sqliteCommit.p50Us(), "µs"));
        report.add(Figure.of("floor", "raw SQLite insert + commit, p99", sqliteCommit.p99Us(), "µs"));
        report.add(Figure.of("floor", "raw loopback HTTP round trip, p50", httpRoundTrip.p50Us(), "µs"));
        report.add(Figure.of("floor", "raw loopback HTTP round trip, p99", httpRoundTrip.p99Us(), "µs"));
        report.add(Figure.of("floor", "raw WebSocket echo, p50", wsEcho.p50Us(), "µs"));
        report.add(Figure.of("floor", "raw WebSocket echo, p99", wsEcho.p99Us(), "µs"));
    }

    /** Commits per second one connection reaches with raw inserts: the ceiling for anything that commits. */
    public double sqliteCommitsPerSecond() {
        return 1e9 / sqliteCommit.percentile(50);
    }

    private static Samples sqlite(Path scratch) throws Exception {
        Path file = Files.createTempFile(scratch, "floor", ".db");
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties())) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE floor (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
            }
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO floor (body) VALUES (?)")) {
                Samples.Step step = round -> {
                    insert.setString(1, "a row of ordinary length, like one message of a conversation " + round);
                    insert.executeUpdate();
                    connection.commit();
                };
                Samples.time(ROUNDS / 4, step);
                return Samples.time(ROUNDS, step);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static Samples http() throws Exception {
        try (LoopbackHttpServer server = LoopbackHttpServer.start("floor-http",
                (request, exchange) -> exchange.respond(200, java.util.Map.of("Content-Type", "text/plain"), "ok"));
             HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/")).build();
            Samples.Step step = round -> client.send(request, HttpResponse.BodyHandlers.ofString());
            Samples.time(ROUNDS / 4, step);
            return Samples.time(ROUNDS, step);
        }
    }

    private static Samples webSocket() throws Exception {
        AtomicReference<CompletableFuture<String>> echoed = new AtomicReference<>();
        try (LoopbackWebSocketServer server = LoopbackWebSocketServer.start("floor-ws", new Echo());
             HttpClient client = HttpClient.newHttpClient()) {
            WebSocket socket = client.newWebSocketBuilder().buildAsync(URI.create(server.baseUrl() + "/echo"),
                    new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                            echoed.get().complete(data.toString());
                            webSocket.request(1);
                            return null;
                        }
                    }).join();
            Samples.Step step = round -> {
                CompletableFuture<String> answer = new CompletableFuture<>();
                echoed.set(answer);
                socket.sendText("{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"id\":" + round + "}", true).join();
                answer.get(10, TimeUnit.SECONDS);
            };
            Samples.time(ROUNDS / 4, step);
            Samples samples = Samples.time(ROUNDS, step);
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
            return samples;
        }
    }

    /** Sends every text message straight back. */
    private static final class Echo implements LoopbackWebSocketServer.Listener {

        @Override
        public void opened(LoopbackWebSocketServer.Connection connection) {
        }

        @Override
        public void text(LoopbackWebSocketServer.Connection connection, String text) {
            connection.send(text);
        }

        @Override
        public void closed(LoopbackWebSocketServer.Connection connection, int code) {
        }
    }
}
