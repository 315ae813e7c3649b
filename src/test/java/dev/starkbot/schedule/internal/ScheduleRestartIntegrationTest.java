package dev.starkbot.schedule.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.starkbot.StarkBotApplication;
import dev.starkbot.schedule.MissedRunPolicy;
import dev.starkbot.schedule.Schedule;
import dev.starkbot.schedule.ScheduleService;
import dev.starkbot.schedule.Trigger;
import dev.starkbot.testing.Await;
import dev.starkbot.testing.MutableClock;
import dev.starkbot.testing.StorageTest;
import dev.starkbot.testing.TestDatabase;

/**
 * No fire time fires twice: not when StarkBot restarts right at a fire time, not when two instances share the
 * database and poll at the same moment. Each instance here is a whole StarkBot (without its web server) on one
 * database, all telling time by one clock that the test moves.
 */
@StorageTest
class ScheduleRestartIntegrationTest {

    private static final MutableClock CLOCK = new MutableClock();

    @TestConfiguration
    static class SharedClock {

        @Bean
        @Primary
        MutableClock sharedClock() {
            return CLOCK;
        }
    }

    @Test
    void noFireTimeFiresTwiceAcrossARestartOrAcrossTwoInstances() throws Exception {
        List<String> args = new ArrayList<>(List.of("--starkbot.schedules.polling-interval=100ms",
                "--starkbot.jobs.polling-interval=200ms"));
        Map<String, String> database = TestDatabase.fresh();
        database.forEach((key, value) -> args.add("--" + key + "=" + value));

        Schedule schedule;
        try (ConfigurableApplicationContext first = start(args)) {
            String owner = TestTaskActions.owner(first.getBean(JdbcClient.class), "user");
            schedule = first.getBean(ScheduleService.class).create(owner, ScheduleFiringIntegrationTest.draft(
                    new Trigger.Cron("* * * * *", ZoneId.of("UTC")), MissedRunPolicy.RUN_ONCE));
            CLOCK.advance(Duration.between(CLOCK.instant(), schedule.nextFireAt()).plusMillis(500));
        } // stopped right at the fire time: it may or may not have fired it
        Instant first = schedule.nextFireAt();

        try (ConfigurableApplicationContext restarted = start(args);
             ConfigurableApplicationContext other = start(args)) {
            JdbcClient jdbc = restarted.getBean(JdbcClient.class);
            Await.until("the fire time reached during the restart to fire", Duration.ofSeconds(30),
                    () -> fires(jdbc, schedule).contains(first.toEpochMilli()));

            Instant second = first.plus(Duration.ofMinutes(1));
            CLOCK.advance(Duration.ofMinutes(1));
            // Both instances poll at once, from several threads each, besides their own tickers.
            ExecutorService pollers = Executors.newFixedThreadPool(8);
            List<Future<?>> polls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                ScheduleFiring firing = (i % 2 == 0 ? restarted : other).getBean(ScheduleFiring.class);
                polls.add(pollers.submit(() -> firing.fireDue(CLOCK.instant())));
            }
            for (Future<?> poll : polls) {
                poll.get();
            }
            pollers.shutdown();

            Await.until("both runs", Duration.ofSeconds(30),
                    () -> TestTaskActions.ranFor(schedule.id()).size() >= 2);
            assertThat(fires(jdbc, schedule)).containsExactly(first.toEpochMilli(), second.toEpochMilli());
            assertThat(TestTaskActions.ranFor(schedule.id())).containsExactly(first, second);
            assertThat(jdbc.sql("SELECT count(*) FROM jobs WHERE owner_id = ? AND type = 'schedule.run'")
                    .param(schedule.ownerId()).query(Long.class).single()).isEqualTo(2);
        }
    }

    private static List<Long> fires(JdbcClient jdbc, Schedule schedule) {
        return jdbc.sql("SELECT fire_at FROM schedule_fires WHERE schedule_id = ? ORDER BY fire_at")
                .param(schedule.id()).query(Long.class).list();
    }

    private static ConfigurableApplicationContext start(List<String> args) {
        return new SpringApplicationBuilder(StarkBotApplication.class, SharedClock.class, TestTaskActions.class)
                .web(WebApplicationType.NONE).run(args.toArray(String[]::new));
    }
}
