package dev.starkbot.gateway.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.starkbot.user.Principal;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An SSE stream as an event sink. Like a WebSocket connection it has its own bounded queue and sender thread, so
 * a slow reader only ends its own stream (it reconnects and resumes with {@code Last-Event-ID}). Each event's id
 * is the position in every subscribed topic, such as {@code settings:12;system:3}, because one id must let a
 * reconnecting browser resume all of them.
 */
final class SseSink implements EventSink {

    private final SseEmitter emitter;
    private final Principal principal;
    private final JsonMapper json;
    private final BlockingQueue<SseEmitter.SseEventBuilder> queue;
    private final Map<String, Long> positions = new ConcurrentHashMap<>();
    private final Thread sender;

    private final Duration keepAlive;

    SseSink(SseEmitter emitter, Principal principal, JsonMapper json, int capacity, Duration keepAlive) {
        this.keepAlive = keepAlive;
        this.emitter = emitter;
        this.principal = principal;
        this.json = json;
        // Linked, as Connection's: its slots cost nothing until events wait in them.
        this.queue = new LinkedBlockingQueue<>(capacity);
        this.sender = Thread.ofVirtual().name("sse-send").start(this::drain);
    }

    @Override
    public Principal principal() {
        return principal;
    }

    void at(String topic, long seq) {
        positions.merge(topic, seq, Math::max);
    }

    @Override
    public synchronized void deliver(GatewayEvent event) {
        at(event.topic(), event.seq());
        enqueue(SseEmitter.event().id(id()).name("event").data(event.params()));
    }

    @Override
    public synchronized void gap(String topic, long afterSeq, long oldestSeq) {
        at(topic, oldestSeq - 1);
        ObjectNode data = json.createObjectNode().put("topic", topic).put("seq", oldestSeq - 1).put("type", "gap");
        data.putObject("data").put("afterSeq", afterSeq).put("oldestSeq", oldestSeq);
        enqueue(SseEmitter.event().id(id()).name("event").data(json.writeValueAsString(data)));
    }

    /** A comment line: ignored by clients, but it sends the response headers at once and keeps proxies awake. */
    void comment(String text) {
        enqueue(SseEmitter.event().comment(text));
    }

    private String id() {
        return positions.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(";"));
    }

    private void enqueue(SseEmitter.SseEventBuilder event) {
        if (!queue.offer(event)) {
            stop();
            emitter.complete();
        }
    }

    void stop() {
        sender.interrupt();
    }

    private void drain() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                SseEmitter.SseEventBuilder next = queue.poll(keepAlive.toMillis(), TimeUnit.MILLISECONDS);
                // A comment when nothing happened for a while keeps proxies from cutting a quiet stream.
                emitter.send(next != null ? next : SseEmitter.event().comment("keep-alive"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | IllegalStateException e) {
            emitter.completeWithError(e);
        }
    }

    /** Parses {@code settings:12;system:3}; anything unreadable means "no position", never an error. */
    static Map<String, Long> positions(String lastEventId) {
        Map<String, Long> parsed = new ConcurrentHashMap<>();
        if (lastEventId == null) {
            return parsed;
        }
        for (String part : lastEventId.split(";")) {
            String[] pair = part.split(":", 2);
            if (pair.length == 2 && pair[1].matches("\\d{1,18}")) {
                parsed.put(pair[0], Long.parseLong(pair[1]));
            }
        }
        return parsed;
    }
}
