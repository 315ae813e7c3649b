package dev.starkbot.schedule;

/**
 * A schedule as its owner describes it, to create or replace one.
 *
 * @param maxAttempts attempts each run gets (its job's), 1 for a task that must not be repeated
 */
public record ScheduleDraft(String name, Trigger trigger, Task task, MissedRunPolicy missedRuns, int maxAttempts,
                            boolean enabled) {
}
