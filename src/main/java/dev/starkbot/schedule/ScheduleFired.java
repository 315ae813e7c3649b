package dev.starkbot.schedule;

import java.time.Instant;

/**
 * A schedule fired: its run is the job {@code jobId}, owned by the schedule's owner.
 *
 * @param fireTime the fire time this run is for
 * @param catchUp  whether it is a missed fire time run late, standing for every fire time missed
 */
public record ScheduleFired(String scheduleId, String ownerId, Instant fireTime, String jobId, boolean catchUp) {
}
