package dev.starkbot.gateway.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.starkbot.gateway.GatewayProperties;
import dev.starkbot.user.Principal;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /api/events?topics=settings,system}: the same events as the WebSocket, as Server-Sent Events, for
 * clients that only need to listen. A reconnecting client sends {@code Last-Event-ID} and gets what it missed, or
 * a {@code gap} event when the window no longer holds it.
 */
@RestController
class EventStreamController {

    private final EventHub hub;
    private final GatewayProperties limits;
    private final JsonMapper json;

    EventStreamController(EventHub hub, GatewayProperties limits, JsonMapper json) {
        this.hub = hub;
        this.limits = limits;
        this.json = json;
    }

    @GetMapping(path = "/api/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(@AuthenticationPrincipal Principal me, @RequestParam String topics,
                      @RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventId) {
        List<String> names = Arrays.stream(topics.split(",")).map(String::strip).filter(t -> !t.isEmpty())
                .map(Topics::checkForHttp).distinct().toList();
        if (names.isEmpty()) {
            Topics.checkForHttp(""); // refuses, naming the topics there are
        }
        SseEmitter emitter = new SseEmitter(limits.idleTimeout().toMillis());
        SseSink sink = new SseSink(emitter, me, json, limits.sendQueue(), limits.pingInterval());
        // Before any event, so that the client sees the response (and its headers) at once.
        sink.comment("subscribed to " + String.join(",", names));
        Map<String, Long> from = SseSink.positions(lastEventId);
        // Every topic's position first, so that the id of any replayed event already names all of them.
        for (String topic : names) {
            sink.at(topic, from.getOrDefault(topic, 0L));
        }
        for (String topic : names) {
            Long after = from.get(topic);
            long current = after != null ? hub.resume(sink, topic, after) : hub.subscribe(sink, topic);
            sink.at(topic, after != null ? after : current);
        }
        Runnable cleanup = () -> {
            sink.stop();
            hub.unsubscribeAll(sink);
        };
        emitter.onCompletion(cleanup);
        // The stream's lifetime is bounded (its credential is checked again at each reconnect). Ending it
        // normally, rather than with Spring's 503, makes EventSource reconnect with Last-Event-ID.
        emitter.onTimeout(() -> {
            cleanup.run();
            emitter.complete();
        });
        emitter.onError(error -> cleanup.run());
        return emitter;
    }
}
