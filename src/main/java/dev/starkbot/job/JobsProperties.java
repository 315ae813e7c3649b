package dev.starkbot.job;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * The job runner.
 *
 * @param threads               jobs run at once by this instance.
 * @param pollingInterval       how often the database is asked for due jobs (new jobs of this instance start at
 *                              once regardless).
 * @param heartbeatInterval     how often a running job proves its process alive.
 * @param missedHeartbeats      heartbeats a running job may miss before it counts as dead and runs again (at
 *                              least 4, as db-scheduler requires).
 * @param retryBackoff          wait before the second attempt; it doubles with each further attempt.
 * @param keepFinished          completed, failed and cancelled jobs are deleted this long after they finished.
 * @param housekeepingInterval  how often expired and old data (finished jobs, expired sessions, old audit events)
 *                              is cleaned up, by one instance at a time.
 */
@ConfigurationProperties("starkbot.jobs")
@Validated
public record JobsProperties(
        @DefaultValue("4") @Min(1) @Max(200) int threads,
        @DefaultValue("5s") Duration pollingInterval,
        @DefaultValue("30s") Duration heartbeatInterval,
        @DefaultValue("4") @Min(4) int missedHeartbeats,
        @DefaultValue("5s") Duration retryBackoff,
        @DefaultValue("30d") Duration keepFinished,
        @DefaultValue("1h") Duration housekeepingInterval) {
}
