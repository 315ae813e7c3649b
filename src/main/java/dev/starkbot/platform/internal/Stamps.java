package dev.starkbot.platform.internal;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Milliseconds that only go up on this instance: the order of a chat's received and outgoing messages, kept even
 * for two within one millisecond or across a backwards clock step. A chat's messages are all stamped by the one
 * instance that received them or wrote its reply.
 */
final class Stamps {

    private final Clock clock;
    private final AtomicLong last = new AtomicLong();

    Stamps(Clock clock) {
        this.clock = clock;
    }

    long next() {
        long now = clock.millis();
        return last.updateAndGet(previous -> Math.max(now, previous + 1));
    }
}
