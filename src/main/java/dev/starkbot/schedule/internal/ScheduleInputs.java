package dev.starkbot.schedule.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.stereotype.Component;

import dev.starkbot.schedule.MissedRunPolicy;
import dev.starkbot.schedule.ScheduleDraft;
import dev.starkbot.schedule.Task;
import dev.starkbot.schedule.Trigger;
import dev.starkbot.shared.InvalidField;
import dev.starkbot.user.Preferences;
import dev.starkbot.user.UserService;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Turns request bodies into typed drafts: what Bean Validation cannot say (a trigger's fields depend on its type,
 * a zone must be an IANA one, times are wall-clock times), reported per field like Bean Validation's errors. The
 * service then checks what needs the rules of schedules (cron syntax, shortest interval, task parameters).
 */
@Component
class ScheduleInputs {

    static final int DEFAULT_ATTEMPTS = 3;
    /** Bounds that keep every fire time within what the database stores (epoch milliseconds). */
    private static final Duration LONGEST_INTERVAL = Duration.ofDays(3660);
    private static final int LAST_YEAR = 9999;

    private final UserService users;
    private final Clock clock;

    ScheduleInputs(UserService users, Clock clock) {
        this.users = users;
        this.clock = clock;
    }

    ScheduleDraft draft(String ownerId, ScheduleController.ScheduleBody body, boolean enabled) {
        List<InvalidField> errors = new ArrayList<>();
        Trigger trigger = trigger(ownerId, body.trigger(), errors);
        JsonNode params = body.task().params() == null ? JsonNodeFactory.instance.objectNode() : body.task().params();
        if (!params.isObject()) {
            errors.add(new InvalidField("task.params", "must be a JSON object"));
        }
        if (trigger == null || !errors.isEmpty()) {
            throw new ScheduleException.Invalid(errors);
        }
        MissedRunPolicy missedRuns = body.missedRuns() == null ? MissedRunPolicy.RUN_ONCE
                : MissedRunPolicy.valueOf(body.missedRuns().toUpperCase(Locale.ROOT).replace('-', '_'));
        return new ScheduleDraft(body.name().strip(), trigger, new Task(body.task().type(), params), missedRuns,
                body.maxAttempts() == null ? DEFAULT_ATTEMPTS : body.maxAttempts(), enabled);
    }

    Trigger trigger(String ownerId, ScheduleController.TriggerBody body) {
        List<InvalidField> errors = new ArrayList<>();
        Trigger trigger = trigger(ownerId, body, errors);
        if (trigger == null) {
            throw new ScheduleException.Invalid(errors);
        }
        return trigger;
    }

    private @Nullable Trigger trigger(String ownerId, ScheduleController.TriggerBody body,
                                      List<InvalidField> errors) {
        ZoneId zone = zone(ownerId, body.zone(), errors);
        Trigger trigger = switch (body.type()) {
            case "cron" -> {
                String expression = required(body.expression(), "expression", "cron", errors);
                yield expression == null || zone == null ? null : new Trigger.Cron(expression.strip(), zone);
            }
            case "interval" -> {
                String every = required(body.every(), "every", "interval", errors);
                Duration duration = every == null ? null : duration(every, errors);
                LocalDateTime startAt = body.startAt() == null || duration == null || zone == null
                        ? null : wallClock(body.startAt(), "trigger.startAt", errors);
                if (body.startAt() == null && duration != null && zone != null) {
                    // The first fire one interval from now, to the second.
                    startAt = LocalDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.SECONDS).plus(duration),
                            zone);
                }
                yield startAt == null ? null : new Trigger.Interval(duration, startAt, zone);
            }
            default -> {
                String at = required(body.at(), "at", "once", errors);
                LocalDateTime local = at == null ? null : wallClock(at, "trigger.at", errors);
                yield local == null || zone == null ? null : new Trigger.Once(local, zone);
            }
        };
        return errors.isEmpty() ? trigger : null;
    }

    private @Nullable ZoneId zone(String ownerId, @Nullable String zone, List<InvalidField> errors) {
        String id = zone != null ? zone
                : users.preferences(ownerId).map(Preferences::timeZone).orElse("UTC");
        if (!ZoneId.getAvailableZoneIds().contains(id)) {
            errors.add(new InvalidField("trigger.zone", "'" + id + "' is not an IANA time zone such as "
                    + "Europe/Paris"));
            return null;
        }
        return ZoneId.of(id);
    }

    private static @Nullable String required(@Nullable String value, String field, String type,
                                             List<InvalidField> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new InvalidField("trigger." + field, "is required for a " + type + " trigger"));
            return null;
        }
        return value;
    }

    private static @Nullable Duration duration(String text, List<InvalidField> errors) {
        try {
            Duration duration = DurationStyle.detectAndParse(text.strip());
            if (duration.compareTo(LONGEST_INTERVAL) > 0) {
                errors.add(new InvalidField("trigger.every", "must be at most " + LONGEST_INTERVAL.toDays() + "d"));
                return null;
            }
            return duration;
        } catch (IllegalArgumentException e) {
            errors.add(new InvalidField("trigger.every", "'" + text + "' is not a duration such as 15m, 2h or "
                    + "PT15M"));
            return null;
        }
    }

    private static @Nullable LocalDateTime wallClock(String text, String field, List<InvalidField> errors) {
        try {
            LocalDateTime local = LocalDateTime.parse(text.strip());
            if (local.getYear() > LAST_YEAR) {
                errors.add(new InvalidField(field, "must be before the year " + (LAST_YEAR + 1)));
                return null;
            }
            return local;
        } catch (DateTimeParseException e) {
            errors.add(new InvalidField(field, "'" + text + "' is not a wall-clock time such as 2027-01-31T09:30 "
                    + "(without an offset: the zone says where)"));
            return null;
        }
    }
}
