package dev.starkbot.schedule;

/** Its owner created, changed, enabled, disabled or deleted a schedule; the gateway tells the owner's clients. */
public record ScheduleChanged(Schedule schedule, Change change) {

    public enum Change {
        CREATED,
        UPDATED,
        DELETED
    }
}
