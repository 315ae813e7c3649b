package dev.starkbot.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One of the fan-out benchmark's listening clients: subscribes to a topic, then only counts the events it receives
 * and checks their sequence numbers. An event is recognised by its first bytes and its {@code seq} read by scanning
 * digits, never by parsing the JSON: with a thousand clients in the harness's process, a full parse per event would
 * make the harness, not StarkBot, the thing measured. Answers (one per client) are parsed normally.
 */
final class FanOutClient implements WebSocket.Listener {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** How StarkBot writes every event notification: these fields, in this order (Connection.notification). */
    private static final String EVENT_PREFIX = "{\"jsonrpc\":\"2.0\",\"method\":\"event\"";
    private static final String SEQ = "\"seq\":";

    private final AtomicReference<CompletableFuture<JsonNode>> answer = new AtomicReference<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;
    /** Written only by the socket's reading thread (the JDK delivers one message at a time), read by others. */
    private volatile long lastSeq;
    private volatile long received;
    private volatile long gaps;
    private volatile int closeCode = -1;

    /** Opens an authenticated connection with the token on the upgrade, as scripts and apps do. */
    static CompletableFuture<FanOutClient> connect(HttpClient http, int port, String token) {
        FanOutClient client = new FanOutClient();
        return http.newWebSocketBuilder().header("Authorization", "Bearer " + token)
                .connectTimeout(Duration.ofSeconds(60))
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), client)
                .thenApply(socket -> {
                    client.socket = socket;
                    return client;
                });
    }

    /** Subscribes and starts counting from the topic's current number, which the answer gives. */
    CompletableFuture<Void> subscribe(String topic) {
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        answer.set(reply);
        socket.sendText("{\"jsonrpc\":\"2.0\",\"method\":\"subscribe\",\"params\":{\"topics\":[\"" + topic
                + "\"]},\"id\":1}", true);
        return reply.orTimeout(60, TimeUnit.SECONDS).thenAccept(message -> {
            if (!message.has("result")) {
                throw new IllegalStateException("subscribe failed: " + message);
            }
            lastSeq = message.path("result").path(topic).asLong();
        });
    }

    long lastSeq() {
        return lastSeq;
    }

    long received() {
        return received;
    }

    /** Events whose number was not the one after the last: each means at least one event never arrived. */
    long gaps() {
        return gaps;
    }

    /** The close code StarkBot sent, or -1 while the connection is open. */
    int closeCode() {
        return closeCode;
    }

    void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        if (!last || !partial.isEmpty()) {
            partial.append(data);
            if (last) {
                handle(partial);
                partial.setLength(0);
            }
        } else {
            handle(data);
        }
        webSocket.request(1);
        return null;
    }

    private void handle(CharSequence message) {
        if (startsWith(message, EVENT_PREFIX)) {
            long seq = seq(message);
            // Only this thread writes these fields, so plain read-modify-write is safe.
            if (seq != lastSeq + 1) {
                gaps++;
            }
            lastSeq = Math.max(lastSeq, seq);
            received++;
            return;
        }
        CompletableFuture<JsonNode> reply = answer.getAndSet(null);
        if (reply != null) {
            reply.complete(JSON.readTree(message.toString()));
        }
    }

    private static boolean startsWith(CharSequence text, String prefix) {
        if (text.length() < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (text.charAt(i) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The digits after the first {@code "seq":}, which precedes the event's data and so cannot be spoofed by it. */
    private static long seq(CharSequence text) {
        int at = indexOf(text, SEQ, EVENT_PREFIX.length());
        if (at < 0) {
            return -1;
        }
        long value = 0;
        for (int i = at + SEQ.length(); i < text.length() && Character.isDigit(text.charAt(i)); i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return value;
    }

    private static int indexOf(CharSequence text, String needle, int from) {
        outer:
        for (int i = from; i <= text.length() - needle.length(); i++) {
            for (int j = 0; j < needle.length(); j++) {
                if (text.charAt(i + j) != needle.charAt(j)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeCode = statusCode;
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        if (closeCode < 0) {
            closeCode = 1006;
        }
        CompletableFuture<JsonNode> reply = answer.getAndSet(null);
        if (reply != null) {
            reply.completeExceptionally(error);
        }
    }
}
