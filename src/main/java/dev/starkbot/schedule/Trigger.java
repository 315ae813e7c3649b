package dev.starkbot.schedule;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * When a schedule fires. Wall-clock times are read in {@link #zone()}; where a daylight-saving change makes one
 * ambiguous, docs/schedules.md says which instant it means: a time skipped by a spring-forward change fires at the
 * first instant after the gap, a time repeated by a fall-back change fires at its first occurrence only.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(value = Trigger.Cron.class, name = "cron"),
        @JsonSubTypes.Type(value = Trigger.Interval.class, name = "interval"),
        @JsonSubTypes.Type(value = Trigger.Once.class, name = "once")})
public sealed interface Trigger {

    ZoneId zone();

    /** @param expression 5 fields, 6 fields (seconds first) or a macro such as {@code @daily}, as written */
    record Cron(String expression, ZoneId zone) implements Trigger {
    }

    /**
     * Fires at {@code startAt} and then every {@code every} of absolute time, which daylight-saving changes do not
     * stretch or shorten.
     */
    record Interval(Duration every, LocalDateTime startAt, ZoneId zone) implements Trigger {
    }

    record Once(LocalDateTime at, ZoneId zone) implements Trigger {
    }
}
