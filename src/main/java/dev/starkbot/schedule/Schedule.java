package dev.starkbot.schedule;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.starkbot.job.JobView;

/**
 * A schedule as its owner sees it.
 *
 * @param nextFireAt when it fires next; null when it is disabled or will not fire again (a one-time trigger that
 *                   has fired)
 * @param upcoming   the next few fire times, from {@code nextFireAt} on
 * @param lastFireAt the fire time of its latest run
 * @param lastJob    the job of its latest run, with its status and result
 */
public record Schedule(String id, String ownerId, String name, Trigger trigger, Task task, MissedRunPolicy missedRuns,
                       int maxAttempts, boolean enabled, @Nullable Instant nextFireAt, List<FireTime> upcoming,
                       @Nullable Instant lastFireAt, @Nullable JobView lastJob, Instant createdAt,
                       Instant updatedAt) {
}
