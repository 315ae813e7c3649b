package dev.starkbot.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A JSON-RPC 2.0 client of StarkBot's {@code /ws}, on the JDK's own WebSocket: answers are matched to calls by id,
 * events go to a handler on the socket's reading thread (it must be quick).
 */
public final class RpcClient implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final WebSocket socket;

    private RpcClient(WebSocket socket) {
        this.socket = socket;
    }

    /** Opens an authenticated connection (the token as a bearer header on the upgrade). */
    public static RpcClient connect(HttpClient http, int port, String token, Consumer<JsonNode> events) {
        var listener = new Listener(events);
        WebSocket socket = http.newWebSocketBuilder().header("Authorization", "Bearer " + token)
                .connectTimeout(Duration.ofSeconds(30))
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), listener).join();
        var client = new RpcClient(socket);
        listener.client = client;
        return client;
    }

    /** Sends a request; the future completes with the whole answer ({@code result} or {@code error}). */
    public CompletableFuture<JsonNode> call(String method, Map<String, ?> params) {
        long id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode request = JSON.createObjectNode().put("jsonrpc", "2.0").put("method", method).put("id", id);
        request.set("params", JSON.valueToTree(params));
        synchronized (this) {
            // The JDK's WebSocket allows one outstanding send at a time.
            socket.sendText(JSON.writeValueAsString(request), true).join();
        }
        return answer;
    }

    /** Calls and waits, failing on an error answer. */
    public JsonNode result(String method, Map<String, ?> params) throws Exception {
        JsonNode answer = call(method, params).get(60, TimeUnit.SECONDS);
        if (answer.has("error")) {
            throw new IllegalStateException(method + " failed: " + answer.get("error"));
        }
        return answer.get("result");
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
        socket.abort();
    }

    private void answered(JsonNode message) {
        CompletableFuture<JsonNode> answer = pending.remove(message.path("id").asLong());
        if (answer != null) {
            answer.complete(message);
        }
    }

    private static final class Listener implements WebSocket.Listener {

        private final Consumer<JsonNode> events;
        private final StringBuilder text = new StringBuilder();
        private volatile RpcClient client;

        Listener(Consumer<JsonNode> events) {
            this.events = events;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                JsonNode message = JSON.readTree(text.toString());
                text.setLength(0);
                if ("event".equals(message.path("method").asString(""))) {
                    events.accept(message.path("params"));
                } else if (client != null) {
                    client.answered(message);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            if (client != null) {
                client.pending.values().forEach(answer -> answer.completeExceptionally(error));
            }
        }
    }
}
