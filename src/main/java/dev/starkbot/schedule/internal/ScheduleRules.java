package dev.starkbot.schedule.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.starkbot.schedule.ScheduleDraft;
import dev.starkbot.schedule.SchedulesProperties;
import dev.starkbot.schedule.Trigger;
import dev.starkbot.schedule.spi.TaskAction;
import dev.starkbot.shared.InvalidField;
import tools.jackson.databind.json.JsonMapper;

/** What a schedule must be to be saved; every broken rule is reported at once, each with its field. */
@Component
class ScheduleRules {

    static final int MAX_PARAMS_LENGTH = 16_000;

    private final TaskActions actions;
    private final SchedulesProperties properties;
    private final JsonMapper json;

    ScheduleRules(TaskActions actions, SchedulesProperties properties, JsonMapper json) {
        this.actions = actions;
        this.properties = properties;
        this.json = json;
    }

    /** @param refusePast whether a one-time trigger must lie in the future */
    void check(String ownerId, ScheduleDraft draft, Instant now, boolean refusePast) {
        List<InvalidField> errors = new ArrayList<>();
        if (draft.name().isBlank() || draft.name().length() > 100) {
            errors.add(new InvalidField("name", "must be 1 to 100 characters"));
        }
        if (draft.maxAttempts() < 1 || draft.maxAttempts() > 10) {
            errors.add(new InvalidField("maxAttempts", "must be 1 to 10"));
        }
        errors.addAll(triggerProblems(draft.trigger(), now, refusePast));
        Optional<TaskAction> action = actions.find(draft.task().type());
        if (action.isEmpty()) {
            errors.add(new InvalidField("task.type", "unknown task type '" + draft.task().type()
                    + "'; this server knows " + String.join(", ", actions.types())));
        } else if (json.writeValueAsString(draft.task().params()).length() > MAX_PARAMS_LENGTH) {
            errors.add(new InvalidField("task.params", "is longer than " + MAX_PARAMS_LENGTH
                    + " characters as JSON"));
        } else {
            action.get().validate(ownerId, draft.task().params()).forEach(problem -> errors.add(new InvalidField(
                    problem.field().isEmpty() ? "task.params" : "task.params." + problem.field(),
                    problem.message())));
        }
        if (!errors.isEmpty()) {
            throw new ScheduleException.Invalid(errors);
        }
    }

    void checkTrigger(Trigger trigger, Instant now, boolean refusePast) {
        List<InvalidField> errors = triggerProblems(trigger, now, refusePast);
        if (!errors.isEmpty()) {
            throw new ScheduleException.Invalid(errors);
        }
    }

    private List<InvalidField> triggerProblems(Trigger trigger, Instant now, boolean refusePast) {
        Duration shortest = properties.minInterval();
        return switch (trigger) {
            case Trigger.Cron cron -> {
                FireTimes.Sequence times;
                try {
                    times = FireTimes.of(cron);
                } catch (IllegalArgumentException e) {
                    yield List.of(new InvalidField("trigger.expression", e.getMessage()));
                }
                if (times.next(now).isEmpty()) {
                    yield List.of(new InvalidField("trigger.expression", "never fires (no date matches it)"));
                }
                Optional<Duration> gap = FireTimes.shortestGap(times, now);
                yield gap.isPresent() && gap.get().compareTo(shortest) < 0
                        ? List.of(new InvalidField("trigger.expression", "fires " + human(gap.get())
                        + " apart at times; the shortest interval allowed is " + human(shortest)))
                        : List.of();
            }
            case Trigger.Interval interval -> interval.every().compareTo(shortest) < 0
                    ? List.of(new InvalidField("trigger.every", "must be at least " + human(shortest)))
                    : List.of();
            case Trigger.Once once -> refusePast && !FireTimes.instant(once.at(), once.zone()).isAfter(now)
                    ? List.of(new InvalidField("trigger.at", "is in the past")) : List.of();
        };
    }

    static String human(Duration duration) {
        if (duration.toSeconds() % 3600 == 0 && !duration.isZero()) {
            return duration.toHours() + "h";
        }
        if (duration.toSeconds() % 60 == 0 && !duration.isZero()) {
            return duration.toMinutes() + "m";
        }
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }
}
