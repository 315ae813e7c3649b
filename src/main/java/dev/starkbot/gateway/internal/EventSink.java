package dev.starkbot.gateway.internal;

import java.util.function.Predicate;

import dev.starkbot.user.Principal;

/** Where events go: a WebSocket connection or an SSE stream. Delivery never blocks the publisher. */
interface EventSink {

    Principal principal();

    /** Whether this sink's principal, as of now, may see an event with this audience. */
    default boolean canSee(Predicate<Principal> audience) {
        return audience.test(principal());
    }

    /** Queues the event for sending; a sink that cannot keep up closes itself. */
    void deliver(GatewayEvent event);

    /** Tells the client that events of a topic were lost from the window and it should re-read. */
    void gap(String topic, long afterSeq, long oldestSeq);
}
