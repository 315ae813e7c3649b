package dev.starkbot.platform.internal;

import java.time.Instant;

import org.springframework.stereotype.Component;

import dev.starkbot.platform.PlatformsProperties;
import dev.starkbot.shared.Housekeeping;

/**
 * Removes inbox and outbox rows some time after they were answered or sent ({@code keep-delivered}); they are kept
 * that long to deduplicate late redeliveries and to show what happened.
 */
@Component
class DeliveredCleanup implements Housekeeping {

    private final InboxRepository inbox;
    private final OutboxRepository outbox;
    private final PlatformsProperties properties;

    DeliveredCleanup(InboxRepository inbox, OutboxRepository outbox, PlatformsProperties properties) {
        this.inbox = inbox;
        this.outbox = outbox;
        this.properties = properties;
    }

    @Override
    public String name() {
        return "delivered platform messages";
    }

    @Override
    public int clean(Instant now) {
        long cutoff = now.minus(properties.keepDelivered()).toEpochMilli();
        return inbox.deleteFinishedBefore(cutoff) + outbox.deleteFinishedBefore(cutoff);
    }
}
