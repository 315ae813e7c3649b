package dev.starkbot.schedule.internal;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.scheduling.support.CronExpression;

import dev.starkbot.schedule.Trigger;

/**
 * When triggers fire, by the daylight-saving policy of docs/schedules.md. Cron expressions are matched against
 * wall-clock time, and each wall-clock time found is then placed on the time line: one that a spring-forward
 * change skips fires at the first instant after the gap (the day's run is late, not lost, as in Vixie cron); one
 * that a fall-back change repeats fires at its first occurrence only (so no wall-clock time runs twice). One-time
 * triggers and the start of intervals are placed the same way. Intervals then count absolute time.
 */
final class FireTimes {

    /** A trigger made ready to be asked again and again (a cron expression is parsed once). */
    interface Sequence {

        /** The first fire time strictly after {@code after}, if there is one. */
        Optional<Instant> next(Instant after);
    }

    private FireTimes() {
    }

    /** @throws IllegalArgumentException when the trigger's cron expression is invalid */
    static Sequence of(Trigger trigger) {
        return switch (trigger) {
            case Trigger.Cron cron -> cron(CronSyntax.parse(cron.expression()), cron.zone());
            case Trigger.Interval interval -> interval(instant(interval.startAt(), interval.zone()), interval.every());
            case Trigger.Once once -> {
                Instant at = instant(once.at(), once.zone());
                yield after -> at.isAfter(after) ? Optional.of(at) : Optional.empty();
            }
        };
    }

    /** A wall-clock time of a zone as an instant, by the policy above. */
    static Instant instant(LocalDateTime local, ZoneId zone) {
        ZoneOffsetTransition transition = zone.getRules().getTransition(local);
        if (transition != null && transition.isGap()) {
            return transition.getInstant();
        }
        return local.atZone(zone).toInstant(); // in an overlap, ZonedDateTime takes the earlier offset
    }

    static List<Instant> upcoming(Sequence sequence, Instant after, int count) {
        List<Instant> times = new ArrayList<>(count);
        Optional<Instant> next = sequence.next(after);
        while (next.isPresent() && times.size() < count) {
            times.add(next.get());
            next = sequence.next(next.get());
        }
        return times;
    }

    /**
     * The shortest time between two consecutive fire times among the next 200 (or the next year of them): a cron
     * expression's busiest stretch comes round within a year, so this finds expressions that fire too often.
     */
    static Optional<Duration> shortestGap(Sequence sequence, Instant from) {
        Instant horizon = from.plus(Duration.ofDays(366));
        Duration shortest = null;
        Optional<Instant> previous = sequence.next(from);
        for (int i = 0; i < 200 && previous.isPresent() && previous.get().isBefore(horizon); i++) {
            Optional<Instant> next = sequence.next(previous.get());
            if (next.isPresent()) {
                Duration gap = Duration.between(previous.get(), next.get());
                shortest = shortest == null || gap.compareTo(shortest) < 0 ? gap : shortest;
            }
            previous = next;
        }
        return Optional.ofNullable(shortest);
    }

    private static Sequence cron(CronExpression cron, ZoneId zone) {
        ZoneRules rules = zone.getRules();
        return after -> {
            LocalDateTime from = LocalDateTime.ofInstant(after, zone);
            ZoneOffsetTransition transition = rules.getTransition(from);
            if (transition != null && transition.isOverlap()
                    && rules.getOffset(after).equals(transition.getOffsetAfter())) {
                // In the repeated hour of a fall-back change: its wall-clock times had their one turn in the first
                // pass, so the search starts where the repeated hour ends.
                from = transition.getDateTimeBefore().minusNanos(1);
            }
            // Wall-clock times map onto the time line in order, so one step is enough; the bound only guards
            // against a surprise from the zone rules turning into a loop.
            for (int guard = 0; guard < 10; guard++) {
                LocalDateTime next = cron.next(from);
                if (next == null) {
                    return Optional.empty();
                }
                Instant at = instant(next, zone);
                if (at.isAfter(after)) {
                    return Optional.of(at);
                }
                from = next;
            }
            return Optional.empty();
        };
    }

    private static Sequence interval(Instant start, Duration every) {
        return after -> {
            if (after.isBefore(start)) {
                return Optional.of(start);
            }
            try {
                long passed = Duration.between(start, after).dividedBy(every);
                return Optional.of(start.plus(every.multipliedBy(passed + 1)));
            } catch (ArithmeticException | DateTimeException beyondTime) {
                return Optional.empty();
            }
        };
    }
}
