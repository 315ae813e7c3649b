package dev.starkbot.schedule.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.starkbot.job.JobService;
import dev.starkbot.job.JobStatus;
import dev.starkbot.schedule.MissedRunPolicy;
import dev.starkbot.schedule.Schedule;
import dev.starkbot.schedule.ScheduleDraft;
import dev.starkbot.schedule.ScheduleFired;
import dev.starkbot.schedule.ScheduleService;
import dev.starkbot.schedule.Task;
import dev.starkbot.schedule.Trigger;
import dev.starkbot.testing.Await;
import dev.starkbot.testing.MutableClock;
import dev.starkbot.testing.StorageTest;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Firing against the database, with time moved rather than waited for: through the daylight-saving nights of 2027
 * a poll a minute, and across a downtime of several fire times.
 */
@StorageTest
@SpringBootTest(properties = {"starkbot.schedules.polling-interval=100ms", "starkbot.jobs.polling-interval=200ms"})
@Import({MutableClock.Config.class, TestTaskActions.class})
class ScheduleFiringIntegrationTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Autowired
    ScheduleService schedules;

    @Autowired
    ScheduleFiring firing;

    @Autowired
    ScheduleTicker ticker;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JobService jobs;

    @Test
    void aTimeSkippedOrRepeatedByDaylightSavingFiresExactlyOnce() throws Exception {
        String owner = TestTaskActions.owner(jdbc, "user");
        // Skip: the walk starts months after the schedules' first fire times, which are not the subject here.
        Schedule skipped = schedules.create(owner, draft(new Trigger.Cron("30 2 * * *", NEW_YORK),
                MissedRunPolicy.SKIP));
        Schedule repeated = schedules.create(owner, draft(new Trigger.Cron("30 1 * * *", NEW_YORK),
                MissedRunPolicy.SKIP));

        List<ScheduleFired> spring = walk("2027-03-14T04:00:00Z", "2027-03-14T12:00:00Z");
        assertThat(firesOf(spring, skipped)).containsExactly(Instant.parse("2027-03-14T07:00:00Z")); // 03:00 EDT
        assertThat(firesOf(spring, repeated)).containsExactly(Instant.parse("2027-03-14T06:30:00Z"));

        List<ScheduleFired> fall = walk("2027-11-07T03:00:00Z", "2027-11-07T12:00:00Z");
        assertThat(firesOf(fall, repeated)).containsExactly(Instant.parse("2027-11-07T05:30:00Z")); // 01:30 EDT
        assertThat(firesOf(fall, skipped)).containsExactly(Instant.parse("2027-11-07T07:30:00Z"));

        Await.until("the four runs", Duration.ofSeconds(30), () -> TestTaskActions.ranFor(skipped.id()).size()
                + TestTaskActions.ranFor(repeated.id()).size() == 4);
        assertThat(TestTaskActions.ranFor(skipped.id())).containsExactlyInAnyOrder(
                Instant.parse("2027-03-14T07:00:00Z"), Instant.parse("2027-11-07T07:30:00Z"));
    }

    @Test
    void runsMissedWhileDownRunOnceOnRecoveryOrAreSkippedAsEachScheduleSays() throws Exception {
        String owner = TestTaskActions.owner(jdbc, "user");
        Trigger hourly = new Trigger.Cron("0 * * * *", ZoneId.of("UTC"));
        Schedule runOnce = schedules.create(owner, draft(hourly, MissedRunPolicy.RUN_ONCE));
        Schedule skip = schedules.create(owner, draft(hourly, MissedRunPolicy.SKIP));

        ticker.stop(); // StarkBot is down for five fire times and more
        // to ten minutes past an hour, five or six hours on: a start at, say, 11:52 plus a fixed five hours and ten
        // minutes would land at 17:02, where 17:00 counts as on time (missed-after is a minute)
        Instant start = clock.instant();
        Instant tenPast = start.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(5).plusMinutes(10));
        clock.advance(Duration.between(start, tenPast.isBefore(start.plus(Duration.ofHours(5)))
                ? tenPast.plus(Duration.ofHours(1)) : tenPast));
        Instant now = clock.instant();
        Instant latestMissed = now.truncatedTo(ChronoUnit.HOURS);
        ticker.start();

        Await.until("the catch-up run", Duration.ofSeconds(30),
                () -> TestTaskActions.ranFor(runOnce.id()).size() == 1);
        for (int i = 0; i < 5; i++) {
            ticker.tick(); // later polls find nothing more to do
        }
        assertThat(TestTaskActions.ranFor(runOnce.id())).containsExactly(latestMissed);
        assertThat(jdbc.sql("SELECT catch_up FROM schedule_fires WHERE schedule_id = ?").param(runOnce.id())
                .query(Boolean.class).list()).containsExactly(true);
        assertThat(TestTaskActions.ranFor(skip.id())).isEmpty();
        assertThat(fireCount(skip)).isZero();
        for (Schedule schedule : List.of(runOnce, skip)) {
            assertThat(schedules.get(owner, schedule.id()).nextFireAt()).isEqualTo(latestMissed.plus(Duration.ofHours(
                    1)));
        }
        assertThat(schedules.get(owner, runOnce.id()).lastJob()).isNotNull();
    }

    @Test
    void aScheduleWhoseOwnerMayNoLongerRunTasksPassesItsFireTimesWithoutRuns() throws Exception {
        String owner = TestTaskActions.owner(jdbc, "user");
        Schedule schedule = schedules.create(owner, draft(new Trigger.Cron("@hourly", ZoneId.of("UTC")),
                MissedRunPolicy.RUN_ONCE));
        jdbc.sql("UPDATE users SET status = 'disabled' WHERE id = ?").param(owner).update();
        assertThat(firing.fireDue(schedule.nextFireAt())).isEmpty();
        // no job piles up, and the schedule moved on: it does not come back every poll
        assertThat(fireCount(schedule)).isZero();
        assertThat(schedules.get(owner, schedule.id()).nextFireAt()).isAfter(schedule.nextFireAt());
        assertThat(TestTaskActions.ranFor(schedule.id())).isEmpty();
    }

    @Test
    void onePollFiresEverySchedulesDueAtTheSameMomentNotJustABatch() {
        List<Schedule> created = new ArrayList<>();
        for (int owner = 0; owner < 3; owner++) { // over two and a half batches, within each owner's limit
            String id = TestTaskActions.owner(jdbc, "user");
            for (int i = 0; i < 84; i++) {
                created.add(schedules.create(id, draft(new Trigger.Cron("0 9 * * *", ZoneId.of("UTC")),
                        MissedRunPolicy.SKIP)));
            }
        }
        Instant nine = created.getFirst().nextFireAt();

        List<ScheduleFired> fired = firing.fireDue(nine);

        List<String> ids = created.stream().map(Schedule::id).toList();
        assertThat(fired).extracting(ScheduleFired::scheduleId).filteredOn(ids::contains) // other tests' schedules too
                .containsExactlyInAnyOrderElementsOf(ids);
        assertThat(firing.fireDue(nine)).extracting(ScheduleFired::scheduleId).doesNotContainAnyElementsOf(ids);
        for (Schedule schedule : created) { // the other tests' polls would fire them again
            jdbc.sql("DELETE FROM schedules WHERE id = ?").param(schedule.id()).update();
        }
    }

    @Test
    void aScheduleThatCannotFireHoldsBackNoneOfThoseFiredInTheSameTransaction() {
        String owner = TestTaskActions.owner(jdbc, "user");
        List<Schedule> created = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            created.add(schedules.create(owner, draft(new Trigger.Cron("0 7 * * *", ZoneId.of("UTC")),
                    MissedRunPolicy.SKIP)));
        }
        Schedule broken = created.get(3);
        jdbc.sql("UPDATE schedules SET trigger_type = 'teleport' WHERE id = ?").param(broken.id()).update();
        Instant seven = created.getFirst().nextFireAt();

        List<ScheduleFired> fired = firing.fireDue(seven);

        List<String> ids = created.stream().map(Schedule::id).toList();
        assertThat(fired).extracting(ScheduleFired::scheduleId).filteredOn(ids::contains) // other tests' schedules too
                .containsExactlyInAnyOrderElementsOf(ids.stream().filter(id -> !id.equals(broken.id())).toList());
        assertThat(fireCount(broken)).isZero();
        assertThat(jdbc.sql("SELECT next_fire_at FROM schedules WHERE id = ?").param(broken.id()).query(Long.class)
                .single()).isEqualTo(seven.toEpochMilli()); // still due: the next poll tries again
        jdbc.sql("DELETE FROM schedules WHERE owner_id = ?").param(owner).update(); // the other tests' polls
    }

    /** Polls as the ticker would, a minute apart, from one instant to another. */
    private List<ScheduleFired> walk(String from, String to) {
        List<ScheduleFired> fired = new ArrayList<>();
        for (Instant at = Instant.parse(from); !at.isAfter(Instant.parse(to)); at = at.plus(Duration.ofMinutes(1))) {
            fired.addAll(firing.fireDue(at));
        }
        return fired;
    }

    private static List<Instant> firesOf(List<ScheduleFired> fired, Schedule schedule) {
        return fired.stream().filter(f -> f.scheduleId().equals(schedule.id())).map(ScheduleFired::fireTime).toList();
    }

    private long fireCount(Schedule schedule) {
        return jdbc.sql("SELECT count(*) FROM schedule_fires WHERE schedule_id = ?").param(schedule.id())
                .query(Long.class).single();
    }

    static ScheduleDraft draft(Trigger trigger, MissedRunPolicy policy) {
        return new ScheduleDraft("test", trigger, new Task("test-count", JsonNodeFactory.instance.objectNode()),
                policy, 1, true);
    }
}
