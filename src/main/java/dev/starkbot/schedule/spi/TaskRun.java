package dev.starkbot.schedule.spi;

import java.time.Instant;

import tools.jackson.databind.JsonNode;

/** One run of a scheduled task, as its {@link TaskAction} sees it. */
public interface TaskRun {

    /** The user the schedule belongs to, on whose behalf and with whose rights the task runs. */
    String ownerId();

    String scheduleId();

    /** The task's parameters, as validated when the schedule was saved. */
    JsonNode params();

    /** The fire time this run is for (the latest missed one when it catches up on missed runs). */
    Instant fireTime();

    /** Whether the run's job was cancelled (or retried under a new run): a long task should stop when it was. */
    boolean cancelled();
}
