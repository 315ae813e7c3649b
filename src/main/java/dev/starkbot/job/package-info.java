/**
 * Background jobs: any module enqueues typed work ({@link dev.starkbot.job.JobService}) that a
 * {@link dev.starkbot.job.spi.JobHandler} carries out on db-scheduler, on SQLite or PostgreSQL. Jobs go through
 * pending, running and completed, failed or cancelled; failures are retried with exponential backoff; progress,
 * result and error are kept; a job whose process died is detected by its missing heartbeat and run again.
 */
@ApplicationModule(displayName = "Jobs")
@NullMarked
package dev.starkbot.job;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
