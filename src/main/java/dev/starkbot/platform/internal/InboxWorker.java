package dev.starkbot.platform.internal;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.starkbot.platform.PlatformsProperties;

/**
 * Works through the inbox: the oldest unanswered message of each chat, chats in parallel on virtual threads, each
 * under a lease renewed while its turn runs. Wakes when a message arrives, and looks every second for messages put
 * off, recorded by another instance, or left behind by an instance that died.
 */
@Component
class InboxWorker extends ChatQueueWorker<InboxRepository.Ready> {

    private static final Logger log = LoggerFactory.getLogger(InboxWorker.class);

    private final Inbox inbox;
    private final InboxRepository repository;
    private final MessageRouter router;
    private final PlatformRegistry registry;
    private final PlatformsProperties properties;
    private final Clock clock;
    private final String instance = UUID.randomUUID().toString();
    private volatile ScheduledExecutorService leases = leaseTimer();

    InboxWorker(Inbox inbox, InboxRepository repository, MessageRouter router, PlatformRegistry registry,
                PlatformsProperties properties, Clock clock) {
        super("platform-inbox", inbox.arrivals);
        this.registry = registry;
        this.inbox = inbox;
        this.repository = repository;
        this.router = router;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void start() {
        leases = leaseTimer();
        super.start();
    }

    @Override
    public void stop() {
        super.stop();
        leases.shutdownNow();
    }

    private static ScheduledExecutorService leaseTimer() {
        return Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("platform-inbox-leases").factory());
    }

    @Override
    List<InboxRepository.Ready> ready() {
        return repository.ready(clock.millis(), 100, registry.running());
    }

    @Override
    String chatKey(InboxRepository.Ready item) {
        return item.chatKey();
    }

    @Override
    boolean claim(InboxRepository.Ready item) {
        long now = clock.millis();
        return repository.claim(item.id(), instance, now, now + properties.inboxLease().toMillis());
    }

    @Override
    void handle(InboxRepository.Ready ready) {
        work(ready);
    }

    private void work(InboxRepository.Ready ready) {
        long lease = properties.inboxLease().toMillis();
        ScheduledFuture<?> renewal = leases.scheduleAtFixedRate(() -> {
            try {
                if (!repository.renew(ready.id(), instance, clock.millis() + lease)) {
                    // another instance took the message over (this one stalled past its lease): stop answering here
                    router.abandon(ready.chatKey());
                }
            } catch (RuntimeException e) {
                // thrown out of a fixed-rate task, it would cancel every later renewal: try again next time
                log.warn("Could not renew the lease of a {} message", ready.chatKey(), e);
            }
        }, lease / 3, lease / 3, TimeUnit.MILLISECONDS);
        try {
            repository.find(ready.id()).ifPresent(item -> {
                try {
                    router.handle(item);
                } catch (RuntimeException e) {
                    // a bug or a database failure: the message is not lost, it is tried again after a pause
                    log.warn("Answering a {} message failed; it will be tried again", item.platform(), e);
                    long now = clock.millis();
                    if (item.attempts() >= 5) {
                        repository.finish(item.id(), "failed", String.valueOf(e.getMessage()), now);
                    } else {
                        repository.putOff(item.id(), now + 5000L * item.attempts(), String.valueOf(e.getMessage()),
                                now, true);
                    }
                }
            });
        } finally {
            renewal.cancel(false);
        }
    }
}
