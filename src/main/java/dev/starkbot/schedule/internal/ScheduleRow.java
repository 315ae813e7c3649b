package dev.starkbot.schedule.internal;

import org.jspecify.annotations.Nullable;

import dev.starkbot.schedule.MissedRunPolicy;
import dev.starkbot.schedule.Trigger;

/** A row of {@code schedules}; the task's parameters still sealed, instants in epoch milliseconds. */
record ScheduleRow(String id, String ownerId, String name, Trigger trigger, String taskType, String sealedParams,
                   MissedRunPolicy missedRuns, int maxAttempts, boolean enabled, @Nullable Long nextFireAt,
                   @Nullable Long lastFireAt, @Nullable String lastJobId, long createdAt, long updatedAt) {
}
