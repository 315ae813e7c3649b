package dev.starkbot.schedule.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.starkbot.schedule.MissedRunPolicy;
import dev.starkbot.schedule.Trigger;

@Repository
class ScheduleRepository {

    private static final String COLUMNS = "id, owner_id, name, trigger_type, trigger_value, trigger_start, "
            + "time_zone, task_type, task_params, missed_runs, max_attempts, enabled, next_fire_at, last_fire_at, "
            + "last_job_id, created_at, updated_at";

    /** A schedule waiting for a fire time that has come. */
    record Due(String id, long nextFireAt) {
    }

    private final JdbcClient jdbc;

    ScheduleRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(ScheduleRow row) {
        TriggerColumns trigger = TriggerColumns.of(row.trigger());
        jdbc.sql("INSERT INTO schedules (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
                .params(row.id(), row.ownerId(), row.name(), trigger.type(), trigger.value(), trigger.start(),
                        row.trigger().zone().getId(), row.taskType(), row.sealedParams(), row.missedRuns().id(),
                        row.maxAttempts(), row.enabled(), row.nextFireAt(), row.lastFireAt(), row.lastJobId(),
                        row.createdAt(), row.updatedAt())
                .update();
    }

    /** Replaces what the owner describes; what firing records (last fire, last job) stays. */
    boolean update(ScheduleRow row) {
        TriggerColumns trigger = TriggerColumns.of(row.trigger());
        return jdbc.sql("UPDATE schedules SET name = ?, trigger_type = ?, trigger_value = ?, trigger_start = ?, "
                        + "time_zone = ?, task_type = ?, task_params = ?, missed_runs = ?, max_attempts = ?, "
                        + "enabled = ?, next_fire_at = ?, updated_at = ? WHERE id = ? AND owner_id = ?")
                .params(row.name(), trigger.type(), trigger.value(), trigger.start(), row.trigger().zone().getId(),
                        row.taskType(), row.sealedParams(), row.missedRuns().id(), row.maxAttempts(),
                        row.enabled(), row.nextFireAt(), row.updatedAt(), row.id(), row.ownerId())
                .update() > 0;
    }

    boolean setEnabled(String id, String ownerId, boolean enabled, @Nullable Long nextFireAt, long now) {
        return jdbc.sql("UPDATE schedules SET enabled = ?, next_fire_at = ?, updated_at = ? WHERE id = ? "
                        + "AND owner_id = ?")
                .params(enabled, nextFireAt, now, id, ownerId).update() > 0;
    }

    boolean delete(String id, String ownerId) {
        return jdbc.sql("DELETE FROM schedules WHERE id = ? AND owner_id = ?").params(id, ownerId).update() > 0;
    }

    Optional<ScheduleRow> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM schedules WHERE id = ?").param(id)
                .query(ScheduleRepository::map).optional();
    }

    List<ScheduleRow> list(String ownerId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM schedules WHERE owner_id = ? ORDER BY created_at, id")
                .param(ownerId).query(ScheduleRepository::map).list();
    }

    long count(String ownerId) {
        return jdbc.sql("SELECT count(*) FROM schedules WHERE owner_id = ?").param(ownerId).query(Long.class)
                .single();
    }

    /**
     * In a fixed order, ties included: two instances firing several schedules per transaction then take their row
     * locks in the same order, and cannot deadlock.
     */
    List<Due> due(long now, int limit) {
        return jdbc.sql("SELECT id, next_fire_at FROM schedules WHERE next_fire_at <= ? AND enabled = ? "
                        + "ORDER BY next_fire_at, id LIMIT ?")
                .params(now, true, limit)
                .query((row, n) -> new Due(row.getString("id"), row.getLong("next_fire_at"))).list();
    }

    /**
     * Moves a schedule from the fire time it waited for to its next one, only if it still waits for that one and
     * is enabled: of two instances (or polls) handling the same fire time, one wins; on PostgreSQL the other waits
     * for the winner's row lock and then finds the row changed.
     */
    boolean advance(String id, long expected, @Nullable Long next, long now) {
        return jdbc.sql("UPDATE schedules SET next_fire_at = ?, updated_at = ? WHERE id = ? AND next_fire_at = ? "
                        + "AND enabled = ?")
                .params(next, now, id, expected, true).update() > 0;
    }

    /** @return false when this fire time has fired before */
    boolean recordFire(String id, long fireAt, boolean catchUp, long now) {
        return jdbc.sql("INSERT INTO schedule_fires (schedule_id, fire_at, catch_up, fired_at) VALUES (?,?,?,?) "
                        + "ON CONFLICT DO NOTHING")
                .params(id, fireAt, catchUp, now).update() > 0;
    }

    void fired(String id, long fireAt, String jobId) {
        jdbc.sql("UPDATE schedule_fires SET job_id = ? WHERE schedule_id = ? AND fire_at = ?")
                .params(jobId, id, fireAt).update();
        jdbc.sql("UPDATE schedules SET last_fire_at = ?, last_job_id = ? WHERE id = ?")
                .params(fireAt, jobId, id).update();
    }

    void pruneFires(String id, long before) {
        jdbc.sql("DELETE FROM schedule_fires WHERE schedule_id = ? AND fire_at < ?").params(id, before).update();
    }

    private static ScheduleRow map(ResultSet row, int n) throws SQLException {
        ZoneId zone = ZoneId.of(row.getString("time_zone"));
        String value = row.getString("trigger_value");
        Trigger trigger = switch (row.getString("trigger_type")) {
            case "cron" -> new Trigger.Cron(value, zone);
            case "interval" -> new Trigger.Interval(Duration.parse(value),
                    LocalDateTime.parse(Objects.requireNonNull(row.getString("trigger_start"))), zone);
            case "once" -> new Trigger.Once(LocalDateTime.parse(value), zone);
            default -> throw new IllegalStateException("Unknown trigger type in schedule " + row.getString("id"));
        };
        return new ScheduleRow(row.getString("id"), row.getString("owner_id"), row.getString("name"), trigger,
                row.getString("task_type"), row.getString("task_params"),
                MissedRunPolicy.valueOf(row.getString("missed_runs").toUpperCase(Locale.ROOT).replace('-', '_')),
                row.getInt("max_attempts"), row.getBoolean("enabled"), nullableLong(row, "next_fire_at"),
                nullableLong(row, "last_fire_at"), row.getString("last_job_id"), row.getLong("created_at"),
                row.getLong("updated_at"));
    }

    private static @Nullable Long nullableLong(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }

    private record TriggerColumns(String type, String value, @Nullable String start) {

        static TriggerColumns of(Trigger trigger) {
            return switch (trigger) {
                case Trigger.Cron cron -> new TriggerColumns("cron", cron.expression(), null);
                case Trigger.Interval interval -> new TriggerColumns("interval", interval.every().toString(),
                        interval.startAt().toString());
                case Trigger.Once once -> new TriggerColumns("once", once.at().toString(), null);
            };
        }
    }
}
