package dev.starkbot.job.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.starkbot.job.JobStatus;
import dev.starkbot.job.JobView;

@Repository
class JobRepository {

    private static final String COLUMNS = "id, owner_id, type, status, payload, progress_percent, progress_message, "
            + "result, error, attempts, max_attempts, created_at, updated_at, started_at, finished_at";

    private final JdbcClient jdbc;

    JobRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String id, @Nullable String ownerId, String type, @Nullable String payload, int maxAttempts,
                String token, long now) {
        jdbc.sql("INSERT INTO jobs (id, owner_id, type, status, payload, progress_percent, attempts, max_attempts, "
                        + "run_token, created_at, updated_at) VALUES (?,?,?,?,?,0,0,?,?,?,?)")
                .params(id, ownerId, type, "pending", payload, maxAttempts, token, now, now).update();
    }

    Optional<JobView> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM jobs WHERE id = ?").param(id).query(JobRepository::map)
                .optional();
    }

    @Nullable String payload(String id) {
        return jdbc.sql("SELECT payload FROM jobs WHERE id = ?").param(id).query(String.class).optional()
                .orElse(null);
    }

    List<JobView> list(String ownerId, @Nullable JobStatus status, @Nullable String type, int limit, int offset) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM jobs WHERE owner_id = ?");
        List<Object> params = new ArrayList<>(List.of(ownerId));
        if (status != null) {
            sql.append(" AND status = ?");
            params.add(status.id());
        }
        if (type != null) {
            sql.append(" AND type = ?");
            params.add(type);
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?");
        params.add(limit);
        params.add(offset);
        return jdbc.sql(sql.toString()).params(params).query(JobRepository::map).list();
    }

    /**
     * Starts an attempt of the current run, unless the job was cancelled, finished, retried under a new token, or
     * has used up its attempts (a process that died during the last one).
     */
    boolean start(String id, String token, long now) {
        return jdbc.sql("UPDATE jobs SET status = 'running', attempts = attempts + 1, started_at = ?, updated_at = ?, "
                        + "error = NULL WHERE id = ? AND run_token = ? AND status IN ('pending', 'running') "
                        + "AND attempts < max_attempts")
                .params(now, now, id, token).update() > 0;
    }

    /** A run whose process died during its last allowed attempt. */
    boolean failExhausted(String id, String token, long now) {
        return jdbc.sql("UPDATE jobs SET status = 'failed', error = ?, finished_at = ?, updated_at = ? WHERE id = ? "
                        + "AND run_token = ? AND status IN ('pending', 'running') AND attempts >= max_attempts")
                .params("The process running the last attempt stopped", now, now, id, token).update() > 0;
    }

    boolean progress(String id, String token, int percent, @Nullable String message, long now) {
        return jdbc.sql("UPDATE jobs SET progress_percent = ?, progress_message = ?, updated_at = ? WHERE id = ? "
                        + "AND run_token = ? AND status = 'running'")
                .params(percent, cut(message, 500), now, id, token).update() > 0;
    }

    /** Whether this run is still the job's current, uncancelled run. */
    boolean current(String id, String token) {
        return jdbc.sql("SELECT count(*) FROM jobs WHERE id = ? AND run_token = ? AND status IN ('pending', "
                        + "'running')")
                .params(id, token).query(Long.class).single() > 0;
    }

    /** Texts are cut to their columns here, because SQLite would not enforce the sizes and PostgreSQL would fail. */
    boolean finish(String id, String token, JobStatus status, @Nullable String result, @Nullable String error,
                   long now) {
        return jdbc.sql("UPDATE jobs SET status = ?, result = ?, error = ?, progress_percent = CASE WHEN ? = "
                        + "'completed' THEN 100 ELSE progress_percent END, finished_at = ?, updated_at = ? "
                        + "WHERE id = ? AND run_token = ? AND status IN ('pending', 'running')")
                .params(status.id(), cut(result, 8000), cut(error, 2000), status.id(), now, now, id, token)
                .update() > 0;
    }

    boolean retryLater(String id, String token, String error, long now) {
        return jdbc.sql("UPDATE jobs SET status = 'pending', error = ?, updated_at = ? WHERE id = ? "
                        + "AND run_token = ? AND status = 'running'")
                .params(cut(error, 2000), now, id, token).update() > 0;
    }

    private static @Nullable String cut(@Nullable String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    boolean cancel(String id, String ownerId, long now) {
        return jdbc.sql("UPDATE jobs SET status = 'cancelled', finished_at = ?, updated_at = ? WHERE id = ? "
                        + "AND owner_id = ? AND status IN ('pending', 'running')")
                .params(now, now, id, ownerId).update() > 0;
    }

    boolean resetForRetry(String id, String ownerId, String token, long now) {
        return jdbc.sql("UPDATE jobs SET status = 'pending', attempts = 0, error = NULL, result = NULL, "
                        + "progress_percent = 0, progress_message = NULL, finished_at = NULL, run_token = ?, "
                        + "updated_at = ? WHERE id = ? AND owner_id = ? AND status IN ('failed', 'cancelled')")
                .params(token, now, id, ownerId).update() > 0;
    }

    private static JobView map(ResultSet row, int n) throws SQLException {
        return new JobView(row.getString("id"), row.getString("type"),
                JobStatus.valueOf(row.getString("status").toUpperCase(Locale.ROOT)), row.getInt("progress_percent"),
                row.getString("progress_message"), row.getString("result"), row.getString("error"),
                row.getInt("attempts"), row.getInt("max_attempts"), Instant.ofEpochMilli(row.getLong("created_at")),
                Instant.ofEpochMilli(row.getLong("updated_at")), instant(row, "started_at"),
                instant(row, "finished_at"), row.getString("owner_id"));
    }

    private static @Nullable Instant instant(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : Instant.ofEpochMilli(value);
    }
}
