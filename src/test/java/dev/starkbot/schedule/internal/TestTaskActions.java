package dev.starkbot.schedule.internal;

import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.starkbot.schedule.spi.TaskAction;
import dev.starkbot.schedule.spi.TaskRun;
import dev.starkbot.shared.InvalidField;
import tools.jackson.databind.JsonNode;

/** A task type for tests, {@code test-count}, that records each run, and owners for schedules. */
@TestConfiguration
class TestTaskActions {

    record Ran(String scheduleId, Instant fireTime) {
    }

    /** Shared by every context of the JVM, so that runs are counted across restarts. */
    static final Queue<Ran> RAN = new ConcurrentLinkedQueue<>();

    static List<Instant> ranFor(String scheduleId) {
        return RAN.stream().filter(ran -> ran.scheduleId().equals(scheduleId)).map(Ran::fireTime).toList();
    }

    @Bean
    TaskAction countingAction() {
        return new TaskAction() {
            @Override
            public String type() {
                return "test-count";
            }

            @Override
            public List<InvalidField> validate(String ownerId, JsonNode params) {
                return params.has("bad") ? List.of(new InvalidField("bad", "is not allowed")) : List.of();
            }

            @Override
            public @Nullable String run(TaskRun run) {
                RAN.add(new Ran(run.scheduleId(), run.fireTime()));
                return "ran for " + run.fireTime();
            }
        };
    }

    /** An active account, written directly: these tests are about schedules, not about signing up. */
    static String owner(JdbcClient jdbc, String role) {
        String id = UUID.randomUUID().toString();
        String name = "owner-" + id.substring(0, 8);
        jdbc.sql("INSERT INTO users (id, username, username_key, display_name, password_hash, role, status, "
                        + "time_zone, locale, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)")
                .params(id, name, name, name, "not a hash", role, "active", "UTC", "en", 0L).update();
        return id;
    }
}
