package dev.starkbot.schedule.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.starkbot.schedule.MissedRunPolicy;

/**
 * What to do about a schedule that is due: which fire time (if any) to run now, and when it is due next. A fire
 * time reached within {@code missedAfter} is on time and runs; older ones were missed (StarkBot was down, or busy
 * beyond reason), and the schedule's policy decides: {@code run-once} runs the latest of them, once, however many
 * there were; {@code skip} runs none. Either way the schedule then waits for its first fire time after now, so
 * whatever happens, one poll runs a schedule at most once.
 *
 * @param fireAt  the fire time to run now, or null for none
 * @param catchUp whether {@code fireAt} is a missed fire time run late
 * @param next    the next fire time after now, or null when the trigger will not fire again
 */
record FirePlan(@Nullable Instant fireAt, boolean catchUp, @Nullable Instant next) {

    /** Wider and wider windows back from now in which to look for the latest missed fire time. */
    private static final List<Duration> WINDOWS = List.of(Duration.ofHours(1), Duration.ofDays(1),
            Duration.ofDays(32), Duration.ofDays(367), Duration.ofDays(3660));

    /** @param due the fire time the schedule is waiting for, at or before {@code now} */
    static FirePlan of(FireTimes.Sequence times, Instant due, Instant now, Duration missedAfter,
                       MissedRunPolicy policy) {
        Instant next = times.next(now).orElse(null);
        Instant onTimeFrom = now.minus(missedAfter);
        Instant onTime = latestBetween(times, due.isAfter(onTimeFrom) ? due : onTimeFrom, now);
        if (onTime != null) {
            return new FirePlan(onTime, false, next);
        }
        return switch (policy) {
            case RUN_ONCE -> new FirePlan(latestMissed(times, due, now), true, next);
            case SKIP -> new FirePlan(null, false, next);
        };
    }

    /** The latest fire time in [from, to], or null. Only ever asked about short spans of frequent fire times. */
    private static @Nullable Instant latestBetween(FireTimes.Sequence times, Instant from, Instant to) {
        Optional<Instant> next = times.next(from.minusNanos(1));
        Instant latest = null;
        while (next.isPresent() && !next.get().isAfter(to)) {
            latest = next.get();
            next = times.next(latest);
        }
        return latest;
    }

    /**
     * The latest fire time at or before {@code now}, from {@code due} on: searched in the smallest window back from
     * now that holds one, so that a schedule firing every minute does not walk through a month of downtime.
     */
    private static Instant latestMissed(FireTimes.Sequence times, Instant due, Instant now) {
        for (Duration window : WINDOWS) {
            Instant from = now.minus(window);
            Instant latest = latestBetween(times, from.isAfter(due) ? from : due, now);
            if (latest != null) {
                return latest;
            }
        }
        return due; // missed for more than ten years: the first missed one stands for all
    }
}
