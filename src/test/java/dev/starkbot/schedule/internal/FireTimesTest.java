package dev.starkbot.schedule.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.starkbot.schedule.Trigger;

/** The daylight-saving policy of docs/schedules.md, on the days it matters. */
class FireTimesTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final ZoneId LORD_HOWE = ZoneId.of("Australia/Lord_Howe");

    @Test
    void aTimeSkippedBySpringForwardFiresOnceAtTheEndOfTheGap() {
        // 2027-03-14: New York's clocks go from 02:00 EST to 03:00 EDT; 02:30 does not exist that day.
        List<Instant> fires = fires(new Trigger.Cron("30 2 * * *", NEW_YORK), "2027-03-13T12:00:00Z", 3);
        assertThat(fires).containsExactly(Instant.parse("2027-03-14T07:00:00Z"), // 03:00 EDT
                Instant.parse("2027-03-15T06:30:00Z"), Instant.parse("2027-03-16T06:30:00Z"));
    }

    @Test
    void aTimeRepeatedByFallBackFiresOnceAtItsFirstOccurrence() {
        // 2027-11-07: New York's clocks go back from 02:00 EDT to 01:00 EST; 01:30 happens twice.
        List<Instant> fires = fires(new Trigger.Cron("30 1 * * *", NEW_YORK), "2027-11-06T12:00:00Z", 3);
        assertThat(fires).containsExactly(Instant.parse("2027-11-07T05:30:00Z"), // 01:30 EDT, not 01:30 EST
                Instant.parse("2027-11-08T06:30:00Z"), Instant.parse("2027-11-09T06:30:00Z"));
    }

    @Test
    void askedDuringTheRepeatedHourTheNextFireIsAfterIt() {
        FireTimes.Sequence times = FireTimes.of(new Trigger.Cron("30 1 * * *", NEW_YORK));
        // 01:15 EST, in the second pass of the repeated hour: 01:30 has had its turn (at 01:30 EDT).
        assertThat(times.next(Instant.parse("2027-11-07T06:15:00Z")))
                .contains(Instant.parse("2027-11-08T06:30:00Z"));
    }

    @Test
    void hourlyFiresOnceForEachWallClockHour() {
        // London, 2027-10-31: 01:00-02:00 happens twice; 2027-03-28: 01:00-02:00 does not happen.
        List<Instant> fallBack = fires(new Trigger.Cron("0 * * * *", LONDON), "2027-10-30T22:30:00Z", 5);
        assertThat(fallBack).containsExactly(Instant.parse("2027-10-30T23:00:00Z"), // 00:00 BST
                Instant.parse("2027-10-31T00:00:00Z"), // 01:00 BST; 01:00 GMT (01:00Z) does not fire
                Instant.parse("2027-10-31T02:00:00Z"), Instant.parse("2027-10-31T03:00:00Z"),
                Instant.parse("2027-10-31T04:00:00Z"));
        List<Instant> springForward = fires(new Trigger.Cron("0 * * * *", LONDON), "2027-03-27T23:30:00Z", 3);
        assertThat(springForward).containsExactly(Instant.parse("2027-03-28T00:00:00Z"), // 00:00 GMT
                Instant.parse("2027-03-28T01:00:00Z"), // 01:00 does not exist; it and 02:00 BST are one fire
                Instant.parse("2027-03-28T02:00:00Z"));
    }

    @Test
    void aHalfHourChangeIsHandledLikeAnyOther() {
        // Lord Howe, 2027-10-03: 02:00 +10:30 becomes 02:30 +11:00; 02:15 does not exist.
        List<Instant> fires = fires(new Trigger.Cron("15 2 * * *", LORD_HOWE), "2027-10-02T00:00:00Z", 2);
        assertThat(fires).containsExactly(Instant.parse("2027-10-02T15:30:00Z"), // 02:30 +11:00
                Instant.parse("2027-10-03T15:15:00Z"));
    }

    @Test
    void intervalsCountAbsoluteTimeAcrossChanges() {
        Trigger.Interval everySixHours = new Trigger.Interval(Duration.ofHours(6),
                LocalDateTime.parse("2027-11-06T12:00"), NEW_YORK);
        List<Instant> fires = fires(everySixHours, "2027-11-06T00:00:00Z", 5);
        assertThat(fires).containsExactly(Instant.parse("2027-11-06T16:00:00Z"),
                Instant.parse("2027-11-06T22:00:00Z"), Instant.parse("2027-11-07T04:00:00Z"),
                Instant.parse("2027-11-07T10:00:00Z"), Instant.parse("2027-11-07T16:00:00Z"));
        assertThat(FireTimes.of(everySixHours).next(Instant.parse("2027-11-07T04:00:00Z")))
                .contains(Instant.parse("2027-11-07T10:00:00Z"));
    }

    @Test
    void aOneTimeTriggerInAGapOrOverlapIsPlacedByThePolicyAndFiresOnce() {
        Trigger.Once inGap = new Trigger.Once(LocalDateTime.parse("2027-03-14T02:30"), NEW_YORK);
        assertThat(fires(inGap, "2027-03-01T00:00:00Z", 3)).containsExactly(Instant.parse("2027-03-14T07:00:00Z"));
        Trigger.Once inOverlap = new Trigger.Once(LocalDateTime.parse("2027-11-07T01:30"), NEW_YORK);
        assertThat(fires(inOverlap, "2027-11-01T00:00:00Z", 3))
                .containsExactly(Instant.parse("2027-11-07T05:30:00Z"));
    }

    @Test
    void theShortestGapFindsCronExpressionsThatFireTooOften() {
        assertThat(FireTimes.shortestGap(FireTimes.of(new Trigger.Cron("*/20 * * * * *", ZoneId.of("UTC"))),
                Instant.parse("2027-01-01T00:00:00Z"))).contains(Duration.ofSeconds(20));
        assertThat(FireTimes.shortestGap(FireTimes.of(new Trigger.Cron("0 9,10 * * 1", ZoneId.of("UTC"))),
                Instant.parse("2027-01-01T00:00:00Z"))).contains(Duration.ofHours(1));
    }

    private static List<Instant> fires(Trigger trigger, String after, int count) {
        return FireTimes.upcoming(FireTimes.of(trigger), Instant.parse(after), count);
    }
}
