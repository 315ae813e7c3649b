package dev.starkbot.platform.internal;

import java.time.Clock;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import dev.starkbot.platform.PlatformsProperties;

/**
 * Works through the inbox: the oldest unanswered message of each chat, chats in parallel on virtual threads, each
 * under a lease renewed while its turn runs. Wakes when a message arrives, and looks every second for messages put
 * off, recorded by another instance, or left behind by an instance that died.
 */
@Component
class InboxWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InboxWorker.class);

    private final Inbox inbox;
    private final InboxRepository repository;
    private final MessageRouter router;
    private final PlatformRegistry registry;
    private final PlatformsProperties properties;
    private final Clock clock;
    private final String instance = UUID.randomUUID().toString();
    private final Set<String> busyChats = ConcurrentHashMap.newKeySet();
    /** Made at each start: a stopped context (Spring pauses cached test contexts) may be started again. */
    private volatile ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private volatile ScheduledExecutorService leases = leaseTimer();
    private volatile @Nullable Thread loop;
    /** Set before the loop's thread starts: the thread must not see {@code loop} unset and end at once. */
    private volatile boolean running;

    InboxWorker(Inbox inbox, InboxRepository repository, MessageRouter router, PlatformRegistry registry,
                PlatformsProperties properties, Clock clock) {
        this.registry = registry;
        this.inbox = inbox;
        this.repository = repository;
        this.router = router;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void start() {
        workers = Executors.newVirtualThreadPerTaskExecutor();
        leases = leaseTimer();
        running = true;
        loop = Thread.ofVirtual().name("platform-inbox").start(this::run);
    }

    private static ScheduledExecutorService leaseTimer() {
        return Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("platform-inbox-leases").factory());
    }

    @Override
    public void stop() {
        running = false;
        Thread thread = loop;
        loop = null;
        if (thread != null) {
            thread.interrupt();
        }
        workers.shutdown();
        try {
            // turns in progress keep their lease until it runs out; a restart answers them then
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        leases.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        while (running) {
            try {
                long now = clock.millis();
                long lease = properties.inboxLease().toMillis();
                for (InboxRepository.Ready ready : repository.ready(now, 100, registry.running())) {
                    if (!busyChats.contains(ready.chatKey())
                            && repository.claim(ready.id(), instance, now, now + lease)) {
                        busyChats.add(ready.chatKey());
                        workers.execute(() -> work(ready));
                    }
                }
                inbox.arrivals.tryAcquire(1, TimeUnit.SECONDS);
                inbox.arrivals.drainPermits();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("The inbox could not be read; trying again", e);
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
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
            busyChats.remove(ready.chatKey());
            inbox.arrivals.release();
        }
    }
}
