package dev.starkbot.job.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.starkbot.shared.Housekeeping;
import dev.starkbot.testing.StorageTest;

/** Old data goes: finished jobs after keep-finished, ended sessions; what is still in use stays. */
@StorageTest
@SpringBootTest
class HousekeepingIntegrationTest {

    @Autowired
    List<Housekeeping> cleanups;

    @Autowired
    JdbcClient jdbc;

    @Test
    void finishedJobsPastTheirKeepAndEndedSessionsAreRemovedAndNothingElse() {
        Instant now = Instant.now();
        long old = now.minus(Duration.ofDays(40)).toEpochMilli();
        long recent = now.minus(Duration.ofDays(1)).toEpochMilli();
        job("old-done", "completed", old);
        job("recent-done", "completed", recent);
        job("old-pending", "pending", null);
        String user = "hk-" + System.nanoTime();
        jdbc.sql("INSERT INTO users (id, username, username_key, display_name, password_hash, role, status, "
                + "time_zone, locale, created_at) VALUES (?, ?, ?, 'H', 'x', 'user', 'active', 'UTC', 'en', 0)")
                .params(user, user, user).update();
        session(user, "ended", recent, now.minusSeconds(60).toEpochMilli());
        session(user, "live", now.toEpochMilli(), now.plus(Duration.ofDays(1)).toEpochMilli());

        int removed = cleanups.stream().mapToInt(cleanup -> cleanup.clean(now)).sum();

        assertThat(removed).isGreaterThanOrEqualTo(2);
        assertThat(ids("SELECT id FROM jobs WHERE id LIKE 'hk-%'")).containsExactlyInAnyOrder("hk-recent-done",
                "hk-old-pending");
        assertThat(ids("SELECT id FROM sessions WHERE user_id = '" + user + "'")).containsExactly(user + "-live");
    }

    private void job(String id, String status, Long finishedAt) {
        jdbc.sql("""
                INSERT INTO jobs (id, type, status, progress_percent, attempts, run_token, max_attempts, created_at,
                    updated_at, finished_at) VALUES (?, 'test', ?, 0, 0, 't', 1, 0, 0, ?)""")
                .params("hk-" + id, status, finishedAt).update();
    }

    private void session(String user, String name, long lastSeen, long expires) {
        jdbc.sql("INSERT INTO sessions (id, token_hash, user_id, kind, created_at, last_seen_at, expires_at) "
                + "VALUES (?, ?, ?, 'bearer', 0, ?, ?)").params(user + "-" + name, user + name, user, lastSeen,
                expires).update();
    }

    private List<String> ids(String sql) {
        return jdbc.sql(sql).query(String.class).list();
    }
}
