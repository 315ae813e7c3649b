/**
 * Scheduled tasks: a user's task (call an HTTP API; send a message, ask the AI, from other modules through
 * {@link dev.starkbot.schedule.spi.TaskAction}) that fires on a {@link dev.starkbot.schedule.Trigger}: a cron
 * expression, a fixed interval or a single time, each in an IANA time zone. Every fire time fires exactly once,
 * across restarts and across instances sharing a database, and becomes a job of the owner's that
 * {@code /api/jobs} shows. Missed fire times are caught up once or skipped, as each schedule says.
 */
@ApplicationModule(displayName = "Schedules")
@NullMarked
package dev.starkbot.schedule;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
