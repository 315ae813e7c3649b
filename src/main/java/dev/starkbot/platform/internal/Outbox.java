package dev.starkbot.platform.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.starkbot.platform.OutgoingMessage;
import dev.starkbot.platform.PlatformsProperties;
import dev.starkbot.platform.spi.DeliveryException;
import dev.starkbot.platform.spi.MessageEditing;
import dev.starkbot.platform.spi.Platform;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends what the router wrote to the outbox: each chat's messages one at a time in order, chats in parallel.
 * A transient failure is retried with exponential backoff and jitter, never sooner than the platform's
 * {@code retry_after}; a permanent one is given up (an edit whose message is gone is sent as a new message).
 * Delivery is at least once: if the process dies after the platform accepted a message but before it was marked
 * sent, it is sent again; every other crash point sends it exactly once.
 */
@Component
class Outbox extends ChatQueueWorker<OutboxRepository.Item> {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    private static final Duration LEASE = Duration.ofMinutes(2);

    private final OutboxRepository repository;
    private final PlatformsProperties properties;
    private final JsonMapper json;
    private final Clock clock;
    private final String instance = UUID.randomUUID().toString();
    private final Stamps stamps;
    private final PlatformRegistry registry;

    Outbox(OutboxRepository repository, PlatformRegistry registry, PlatformsProperties properties, JsonMapper json,
           Clock clock) {
        super("platform-outbox", new Semaphore(0));
        this.repository = repository;
        this.registry = registry;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
        this.stamps = new Stamps(clock);
    }

    /**
     * Records a message to send, in the caller's transaction.
     *
     * @param target the message to edit instead of sending a new one, or null
     */
    void write(String platform, String chatKey, String key, OutgoingMessage message, @Nullable String target) {
        repository.insert(platform, chatKey, key, target == null ? "send" : "edit", target,
                json.writeValueAsString(message), stamps.next());
    }

    @Override
    List<OutboxRepository.Item> ready() {
        return repository.due(clock.millis(), 100, registry.running());
    }

    @Override
    String chatKey(OutboxRepository.Item item) {
        return item.chatKey();
    }

    @Override
    boolean claim(OutboxRepository.Item item) {
        long now = clock.millis();
        return repository.claim(item.id(), instance, now, now + LEASE.toMillis());
    }

    @Override
    void handle(OutboxRepository.Item item) {
        deliver(item);
    }

    /** Until the soonest retry, at most a second: writes and ended sends wake the loop sooner. */
    @Override
    long idleMillis() {
        Long next = repository.nextDue(clock.millis(), registry.running());
        return next == null ? 1000 : Math.clamp(next - clock.millis(), 10, 1000);
    }

    private void deliver(OutboxRepository.Item item) {
        Platform platform = registry.find(item.platform()).orElse(null);
        if (platform == null) {
            retry(item, null, "platform " + item.platform() + " is not running");
            return;
        }
        OutgoingMessage message = json.readValue(item.message(), OutgoingMessage.class);
        try {
            if (item.kind().equals("edit") && platform instanceof MessageEditing editing
                    && item.targetMessageId() != null) {
                editing.edit(message.chatId(), item.targetMessageId(), message.text());
                repository.sent(item.id(), item.targetMessageId(), clock.millis());
            } else {
                repository.sent(item.id(), platform.send(message), clock.millis());
            }
        } catch (DeliveryException e) {
            if (e.permanent() && item.kind().equals("edit")) {
                // the draft is gone (deleted by the person, or too old to edit): the text still has to arrive
                repository.toSend(item.id());
            } else if (e.permanent()) {
                log.warn("{} refused a message for good: {}", item.platform(), e.getMessage());
                repository.fail(item.id(), e.getMessage(), clock.millis());
            } else {
                retry(item, e.retryAfter().orElse(null), e.getMessage());
            }
        } catch (RuntimeException e) {
            log.warn("Sending a {} message failed", item.platform(), e);
            retry(item, null, String.valueOf(e.getMessage()));
        }
    }

    private void retry(OutboxRepository.Item item, @Nullable Duration retryAfter, String error) {
        // the item was read before its claim counted this attempt
        int attempt = item.attempts() + 1;
        if (attempt >= properties.deliveryAttempts()) {
            log.warn("Giving up a {} message after {} attempts: {}", item.platform(), attempt, error);
            repository.fail(item.id(), error, clock.millis());
            return;
        }
        long backoff = backoff(attempt, properties.maxRetryDelay());
        long jittered = backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1);
        long wait = retryAfter == null ? jittered
                : Math.min(properties.maxRetryDelay().toMillis(), Math.max(retryAfter.toMillis(), jittered / 4));
        repository.retry(item.id(), clock.millis() + wait, error);
    }

    /** 0.5 s after the first attempt, doubling, at most {@code max}. */
    static long backoff(int attempt, Duration max) {
        return Math.min(max.toMillis(), 500L << Math.clamp(attempt - 1, 0, 16));
    }
}
