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

/** Runs one attempt of a job and records what happened, retrying with exponential backoff while attempts last. */
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

    void run(String jobId) {
        if (!jobs.start(jobId, clock.millis())) {
            return; // cancelled or finished while it waited
        }
        JobView job = jobs.find(jobId).orElseThrow();
        changed(job);
        JobHandler handler = handlers.get(job.type());
        if (handler == null) {
            jobs.finish(jobId, JobStatus.FAILED, null, "No handler for job type '" + job.type() + "'", clock.millis());
            changed(jobs.find(jobId).orElseThrow());
            return;
        }
        try {
            String result = handler.run(new Context(job, jobs.payload(jobId)));
            jobs.finish(jobId, JobStatus.COMPLETED, result, null, clock.millis());
        } catch (Exception e) {
            String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            error = error.length() > 2000 ? error.substring(0, 2000) : error;
            if (job.attempts() < job.maxAttempts()) {
                Duration wait = properties.retryBackoff().multipliedBy(1L << Math.min(job.attempts() - 1, 16));
                jobs.retryLater(jobId, error, clock.millis());
                runner.submit(jobId, Integer.toString(job.attempts() + 1), clock.instant().plus(wait));
                log.info("Job {} ({}) failed attempt {} of {}, retrying in {}: {}", jobId, job.type(),
                        job.attempts(), job.maxAttempts(), wait, error);
            } else {
                jobs.finish(jobId, JobStatus.FAILED, null, error, clock.millis());
                log.warn("Job {} ({}) failed for good after {} attempt(s): {}", jobId, job.type(), job.attempts(),
                        error);
            }
        }
        changed(jobs.find(jobId).orElseThrow());
    }

    private void changed(JobView job) {
        events.publishEvent(new JobChanged(job));
    }

    private final class Context implements JobContext {

        private final JobView job;
        private final @Nullable String payload;

        Context(JobView job, @Nullable String payload) {
            this.job = job;
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
            jobs.progress(job.id(), Math.max(0, Math.min(100, percent)), message, clock.millis());
            jobs.find(job.id()).ifPresent(JobExecutor.this::changed);
        }

        @Override
        public boolean cancelled() {
            return jobs.find(job.id()).map(j -> j.status() == JobStatus.CANCELLED).orElse(true);
        }
    }
}
