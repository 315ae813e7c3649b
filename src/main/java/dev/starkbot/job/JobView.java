package dev.starkbot.job;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** A job as clients see it. */
public record JobView(String id, String type, JobStatus status, int progressPercent, @Nullable String progressMessage,
                      @Nullable String result, @Nullable String error, int attempts, int maxAttempts,
                      Instant createdAt, Instant updatedAt, @Nullable Instant startedAt, @Nullable Instant finishedAt,
                      @Nullable String ownerId) {
}
