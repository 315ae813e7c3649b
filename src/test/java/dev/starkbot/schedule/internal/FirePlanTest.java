package dev.starkbot.schedule.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import dev.starkbot.schedule.MissedRunPolicy;
import dev.starkbot.schedule.Trigger;

class FirePlanTest {

    private static final FireTimes.Sequence HOURLY = FireTimes.of(new Trigger.Cron("0 * * * *", ZoneId.of("UTC")));
    private static final Duration MISSED_AFTER = Duration.ofMinutes(1);

    @Test
    void aFireTimeReachedOnTimeRuns() {
        FirePlan plan = FirePlan.of(HOURLY, at("10:00:00"), at("10:00:01"), MISSED_AFTER, MissedRunPolicy.SKIP);
        assertThat(plan).isEqualTo(new FirePlan(at("10:00:00"), false, at("11:00:00")));
    }

    @Test
    void runOnceRunsTheLatestMissedFireTimeOnceHoweverManyWereMissed() {
        FirePlan plan = FirePlan.of(HOURLY, at("10:00:00"), at("15:30:00"), MISSED_AFTER,
                MissedRunPolicy.RUN_ONCE);
        assertThat(plan).isEqualTo(new FirePlan(at("15:00:00"), true, at("16:00:00")));
    }

    @Test
    void skipRunsNoneOfTheMissedFireTimes() {
        FirePlan plan = FirePlan.of(HOURLY, at("10:00:00"), at("15:30:00"), MISSED_AFTER, MissedRunPolicy.SKIP);
        assertThat(plan).isEqualTo(new FirePlan(null, false, at("16:00:00")));
    }

    @Test
    void afterMissedOnesAFireTimeStillOnTimeRunsAsUsualUnderEitherPolicy() {
        for (MissedRunPolicy policy : MissedRunPolicy.values()) {
            FirePlan plan = FirePlan.of(HOURLY, at("10:00:00"), at("15:00:20"), MISSED_AFTER, policy);
            assertThat(plan).isEqualTo(new FirePlan(at("15:00:00"), false, at("16:00:00")));
        }
    }

    @Test
    void aMissedOneTimeTriggerRunsLateOrNeverAndIsThenDone() {
        FireTimes.Sequence once = FireTimes.of(new Trigger.Once(LocalDateTime.parse("2027-01-01T10:00"),
                ZoneId.of("UTC")));
        assertThat(FirePlan.of(once, at("10:00:00"), at("18:00:00"), MISSED_AFTER, MissedRunPolicy.RUN_ONCE))
                .isEqualTo(new FirePlan(at("10:00:00"), true, null));
        assertThat(FirePlan.of(once, at("10:00:00"), at("18:00:00"), MISSED_AFTER, MissedRunPolicy.SKIP))
                .isEqualTo(new FirePlan(null, false, null));
    }

    @Test
    void aLongDowntimeOfAFrequentScheduleFindsTheLatestMissedFireTime() {
        FireTimes.Sequence everyMinute = FireTimes.of(new Trigger.Cron("* * * * *", ZoneId.of("UTC")));
        Instant now = Instant.parse("2027-03-01T08:30:30Z");
        FirePlan plan = FirePlan.of(everyMinute, at("10:00:00"), now, Duration.ofSeconds(10),
                MissedRunPolicy.RUN_ONCE);
        assertThat(plan).isEqualTo(new FirePlan(Instant.parse("2027-03-01T08:30:00Z"), true,
                Instant.parse("2027-03-01T08:31:00Z")));
    }

    private static Instant at(String time) {
        return Instant.parse("2027-01-01T" + time + "Z");
    }
}
