package dev.starkbot.bench;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;

import dev.starkbot.job.JobChanged;
import dev.starkbot.job.JobStatus;
import dev.starkbot.job.spi.JobHandler;
import dev.starkbot.job.spi.JobContext;

/**
 * The job type the jobs benchmark enqueues, plugged in from the test tree through the jobs module's public SPI as
 * any module's handler is: it does nothing but note when it started. It also counts the jobs of its type that
 * completed, from the module's own {@link JobChanged} events, which are published after the completion is stored.
 *
 * <p>Registered as a bean by {@link JobRunBench}'s configuration; deliberately not a {@code @Component}, so that the
 * tests, which scan {@code dev.starkbot}, never see it.
 */
final class NoopJobs implements JobHandler {

    static final String TYPE = "bench.noop";

    /** Job id to the {@link System#nanoTime()} its handler started at; whichever side comes first creates it. */
    private final Map<String, CompletableFuture<Long>> started = new ConcurrentHashMap<>();
    private final AtomicInteger completed = new AtomicInteger();
    private final AtomicLong lastCompletedNanos = new AtomicLong();

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public @Nullable String run(JobContext context) {
        startOf(context.jobId()).complete(System.nanoTime());
        return null;
    }

    @EventListener
    void changed(JobChanged event) {
        if (TYPE.equals(event.job().type()) && event.job().status() == JobStatus.COMPLETED) {
            lastCompletedNanos.set(System.nanoTime());
            completed.incrementAndGet();
        }
    }

    /** Completes with the nanoTime the job's handler started at. */
    CompletableFuture<Long> startOf(String jobId) {
        return started.computeIfAbsent(jobId, id -> new CompletableFuture<>());
    }

    void forget(String jobId) {
        started.remove(jobId);
    }

    int completed() {
        return completed.get();
    }

    long lastCompletedNanos() {
        return lastCompletedNanos.get();
    }
}
