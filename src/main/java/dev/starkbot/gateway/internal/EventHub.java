package dev.starkbot.gateway.internal;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import org.springframework.stereotype.Component;

import dev.starkbot.gateway.GatewayProperties;
import dev.starkbot.user.Principal;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Topics, their sequence numbers and a bounded window of recent events for resuming. Publishing hands each event
 * to every subscribed sink whose principal may see it; sinks queue without blocking, so one slow client never
 * delays the others. The window is bounded by count and by age, so memory stays flat however busy a topic is.
 */
@Component
class EventHub {

    private final GatewayProperties limits;
    private final Clock clock;
    private final JsonMapper json;
    private final Map<String, Topic> topics = new ConcurrentHashMap<>();

    EventHub(GatewayProperties limits, Clock clock, JsonMapper json) {
        this.limits = limits;
        this.clock = clock;
        this.json = json;
    }

    private final class Topic {
        final Set<EventSink> sinks = ConcurrentHashMap.newKeySet();
        final Deque<GatewayEvent> window = new ArrayDeque<>();
        long seq;

        synchronized GatewayEvent append(String name, String type, JsonNode data, Predicate<Principal> audience) {
            // Written here, once, rather than by each sink: a chat delta to 1,000 connections is one serialisation.
            GatewayEvent event = GatewayEvent.of(name, ++seq, type, data, clock.millis(), audience, json);
            window.addLast(event);
            long oldest = clock.millis() - limits.eventWindowAge().toMillis();
            while (window.size() > limits.eventWindowSize()
                    || (!window.isEmpty() && window.peekFirst().at() < oldest)) {
                window.removeFirst();
            }
            return event;
        }

        synchronized List<GatewayEvent> after(long afterSeq) {
            return window.stream().filter(e -> e.seq() > afterSeq).toList();
        }

        synchronized long oldestRetained() {
            return window.isEmpty() ? seq + 1 : window.peekFirst().seq();
        }

        synchronized long current() {
            return seq;
        }
    }

    private Topic topic(String key) {
        return topics.computeIfAbsent(key, n -> new Topic());
    }

    /**
     * Where a subscriber's events of a topic live. On a personal topic ({@code chat}) each user has their own
     * sequence and window: one person's streaming neither pushes another's events out of the resume window nor
     * shows, through the sequence numbers, how much others are chatting.
     */
    private static String key(String topicName, String userId) {
        return Topics.PERSONAL.contains(topicName) ? topicName + "/" + userId : topicName;
    }

    /** Publishes on a personal topic, to its one owner. */
    void publishTo(String topicName, String ownerId, String type, JsonNode data) {
        publish(key(topicName, ownerId), topicName, type, data, principal -> principal.userId().equals(ownerId));
    }

    void publish(String topicName, String type, JsonNode data, Predicate<Principal> audience) {
        publish(topicName, topicName, type, data, audience);
    }

    private void publish(String key, String topicName, String type, JsonNode data, Predicate<Principal> audience) {
        Topic topic = topic(key);
        GatewayEvent event = topic.append(topicName, type, data, audience);
        for (EventSink sink : topic.sinks) {
            if (sink.canSee(audience)) {
                sink.deliver(event);
            }
        }
    }

    /** @return the topic's current sequence number, to resume from later */
    long subscribe(EventSink sink, String topicName) {
        Topic topic = topic(key(topicName, sink.principal().userId()));
        topic.sinks.add(sink);
        return topic.current();
    }

    void unsubscribe(EventSink sink, String topicName) {
        Topic topic = topics.get(key(topicName, sink.principal().userId()));
        if (topic != null) {
            topic.sinks.remove(sink);
        }
    }

    void unsubscribeAll(EventSink sink) {
        topics.values().forEach(topic -> topic.sinks.remove(sink));
    }

    /**
     * Subscribes and replays what the sink missed after {@code afterSeq}, or sends a {@code gap} when the window no
     * longer reaches back that far.
     */
    long resume(EventSink sink, String topicName, long afterSeq) {
        Topic topic = topic(key(topicName, sink.principal().userId()));
        synchronized (topic) {
            topic.sinks.add(sink);
            // A position beyond the current one comes from before a restart (positions live in memory): what
            // happened in between is unknown, so it is a gap too.
            if ((afterSeq + 1 < topic.oldestRetained() && afterSeq < topic.current()) || afterSeq > topic.current()) {
                sink.gap(topicName, afterSeq, topic.oldestRetained());
            } else {
                for (GatewayEvent event : topic.after(afterSeq)) {
                    if (sink.canSee(event.audience())) {
                        sink.deliver(event);
                    }
                }
            }
            return topic.current();
        }
    }
}
