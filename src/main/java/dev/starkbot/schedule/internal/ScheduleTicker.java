package dev.starkbot.schedule.internal;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import dev.starkbot.schedule.SchedulesProperties;

/**
 * Looks for due schedules every {@code polling-interval} on each instance; firing itself is safe for several
 * instances at once. It runs on a private thread rather than a scheduler bean (see the gateway's heartbeat for why
 * beans of that kind are avoided), and starts after the job runner and stops before it.
 */
@Component
class ScheduleTicker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ScheduleTicker.class);

    private final ScheduleFiring firing;
    private final SchedulesProperties properties;
    private final Clock clock;
    private @Nullable ScheduledExecutorService executor;

    ScheduleTicker(ScheduleFiring firing, SchedulesProperties properties, Clock clock) {
        this.firing = firing;
        this.properties = properties;
        this.clock = clock;
    }

    /** Never throws: an exception would end the periodic task for good. */
    void tick() {
        try {
            firing.fireDue(clock.instant());
        } catch (RuntimeException e) {
            log.warn("Looking for due schedules failed; trying again in {}", properties.pollingInterval(), e);
        }
    }

    @Override
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("starkbot-schedules")
                .factory());
        long interval = properties.pollingInterval().toMillis();
        executor.scheduleWithFixedDelay(this::tick, interval, interval, TimeUnit.MILLISECONDS);
    }

    /** A fire in progress finishes (it is one short transaction); none starts after this returns. */
    @Override
    public synchronized void stop() {
        if (executor == null) {
            return;
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        executor = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }

    /** After the job runner ({@code DEFAULT_PHASE - 1000}) on start, before it on stop. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 900;
    }
}
