package dev.starkbot.job.internal;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.starkbot.job.JobChanged;
import dev.starkbot.job.JobService;
import dev.starkbot.job.JobStatus;
import dev.starkbot.job.JobView;

@Service
class DefaultJobService implements JobService {

    private final JobRepository jobs;
    private final JobRunner runner;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    DefaultJobService(JobRepository jobs, JobRunner runner, ApplicationEventPublisher events, Clock clock) {
        this.jobs = jobs;
        this.runner = runner;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public String enqueue(String type, @Nullable String ownerId, @Nullable String payload, int maxAttempts) {
        String id = UUID.randomUUID().toString();
        String token = UUID.randomUUID().toString();
        jobs.insert(id, ownerId, type, payload, Math.max(1, maxAttempts), token, clock.millis());
        JobView created = jobs.find(id).orElseThrow();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            // In the caller's transaction the attempt is stored with the job (db-scheduler's connections join it),
            // but no runner can see it before the commit: announce it and wake the runner only then, if at all.
            runner.submit(id, token, 1, clock.instant());
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    events.publishEvent(new JobChanged(created));
                    runner.wake();
                }
            });
        } else {
            // Announced before it is scheduled, so that "pending" never arrives after "running".
            events.publishEvent(new JobChanged(created));
            runner.submit(id, token, 1, clock.instant());
        }
        return id;
    }

    @Override
    public Optional<JobView> find(String id) {
        return jobs.find(id);
    }

    List<JobView> list(String ownerId, @Nullable JobStatus status, @Nullable String type, int limit, int offset) {
        return jobs.list(ownerId, status, type, limit, offset);
    }

    /** Someone else's job is answered exactly like an unknown one. */
    JobView get(String ownerId, String id) {
        return jobs.find(id).filter(job -> ownerId.equals(job.ownerId()))
                .orElseThrow(() -> new JobException.NotFound(id));
    }

    JobView cancel(String ownerId, String id) {
        JobView job = get(ownerId, id);
        if (!jobs.cancel(id, ownerId, clock.millis())) {
            throw new JobException.Conflict("The job has already finished (" + job.status().id() + ")");
        }
        JobView cancelled = get(ownerId, id);
        events.publishEvent(new JobChanged(cancelled));
        return cancelled;
    }

    JobView retry(String ownerId, String id) {
        JobView job = get(ownerId, id);
        // A new run token: executions still scheduled or running for the old run (a cancelled attempt that has
        // not noticed yet, a pending backoff) find the token changed and do nothing.
        String token = UUID.randomUUID().toString();
        if (!jobs.resetForRetry(id, ownerId, token, clock.millis())) {
            throw new JobException.Conflict("Only a failed or cancelled job can be retried, not a "
                    + job.status().id() + " one");
        }
        JobView pending = get(ownerId, id);
        events.publishEvent(new JobChanged(pending));
        runner.submit(id, token, 1, clock.instant());
        return pending;
    }
}
