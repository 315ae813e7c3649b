package dev.starkbot.job.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import dev.starkbot.job.JobChanged;
import dev.starkbot.job.JobStatus;
import dev.starkbot.job.JobView;
import dev.starkbot.job.JobsProperties;
import dev.starkbot.job.spi.JobContext;
import dev.starkbot.job.spi.JobHandler;

/**
 * Runs one attempt of a job and records what happened, retrying with exponential backoff while attempts last.
 * Every change of the record is conditional on the job still being in the state this attempt expects, and an
 * event is published only when a change happened, so a cancellation or a retry under a new run token always wins.
 */
@Component
class JobExecutor {

    private static final Logger log = LoggerFactory.getLogger(JobExecutor.class);

    private final JobRepository jobs;
    private final Map<String, JobHandler> handlers;
    private final JobRunner runner;
    private final ApplicationEventPublisher events;
    private final JobsProperties properties;
    private final Clock clock;

    JobExecutor(JobRepository jobs, ObjectProvider<JobHandler> handlers, JobRunner runner,
                ApplicationEventPublisher events, JobsProperties properties, Clock clock) {
        this.jobs = jobs;
        this.handlers = handlers.orderedStream().collect(Collectors.toMap(JobHandler::type, Function.identity()));
        this.runner = runner;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    /** @param data {@code <job id>|<run token>} */
    void run(String data) {
        String jobId = data.substring(0, data.indexOf('|'));
        String token = data.substring(data.indexOf('|') + 1);
        if (!jobs.start(jobId, token, clock.millis())) {
            if (jobs.failExhausted(jobId, token, clock.millis())) {
                changed(jobId);
            }
            return; // cancelled, finished, retried under a new token, or out of attempts
        }
        JobView job = jobs.find(jobId).orElseThrow();
        events.publishEvent(new JobChanged(job));
        JobHandler handler = handlers.get(job.type());
        if (handler == null) {
            if (jobs.finish(jobId, token, JobStatus.FAILED, null, "No handler for job type '" + job.type() + "'",
                    clock.millis())) {
                changed(jobId);
            }
            return;
        }
        try {
            String result = handler.run(new Context(job, token, jobs.payload(jobId)));
            if (jobs.finish(jobId, token, JobStatus.COMPLETED, result, null, clock.millis())) {
                changed(jobId);
            }
        } catch (Exception | LinkageError | AssertionError e) {
            failed(job, token, e);
        }
    }

    private void failed(JobView job, String token, Throwable e) {
        String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (job.attempts() < job.maxAttempts()) {
            Duration wait = properties.retryBackoff().multipliedBy(1L << Math.min(job.attempts() - 1, 16));
            if (jobs.retryLater(job.id(), token, error, clock.millis())) {
                runner.submit(job.id(), token, job.attempts() + 1, clock.instant().plus(wait));
                log.info("Job {} ({}) failed attempt {} of {}, retrying in {}: {}", job.id(), job.type(),
                        job.attempts(), job.maxAttempts(), wait, error);
                changed(job.id());
            }
        } else if (jobs.finish(job.id(), token, JobStatus.FAILED, null, error, clock.millis())) {
            log.warn("Job {} ({}) failed for good after {} attempt(s): {}", job.id(), job.type(), job.attempts(),
                    error);
            changed(job.id());
        }
    }

    private void changed(String jobId) {
        jobs.find(jobId).ifPresent(job -> events.publishEvent(new JobChanged(job)));
    }

    private final class Context implements JobContext {

        private final JobView job;
        private final String token;
        private final @Nullable String payload;

        Context(JobView job, String token, @Nullable String payload) {
            this.job = job;
            this.token = token;
            this.payload = payload;
        }

        @Override
        public String jobId() {
            return job.id();
        }

        @Override
        public @Nullable String ownerId() {
            return job.ownerId();
        }

        @Override
        public @Nullable String payload() {
            return payload;
        }

        @Override
        public int attempt() {
            return job.attempts();
        }

        @Override
        public void progress(int percent, @Nullable String message) {
            if (jobs.progress(job.id(), token, Math.max(0, Math.min(100, percent)), message, clock.millis())) {
                changed(job.id());
            }
        }

        /** Also true once the job was retried: a newer run has taken over, and this one must stop. */
        @Override
        public boolean cancelled() {
            return !jobs.current(job.id(), token);
        }
    }
}
