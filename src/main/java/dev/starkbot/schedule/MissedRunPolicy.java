package dev.starkbot.schedule;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a schedule does about fire times that passed while nothing could fire them (StarkBot was down). */
public enum MissedRunPolicy {
    /** One run on recovery, however many fire times were missed. */
    RUN_ONCE,
    /** No run for them; the schedule waits for its next fire time. */
    SKIP;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
