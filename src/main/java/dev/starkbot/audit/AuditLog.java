package dev.starkbot.audit;

import java.time.Instant;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.starkbot.shared.ClientAddress;

/**
 * The security audit trail: logins and their failures, sessions and keys issued and revoked, accounts created and
 * changed. Callers pass only what is safe to keep forever; never a password, token or key.
 */
@Component
public class AuditLog {

    private static final Logger log = LoggerFactory.getLogger("dev.starkbot.audit");

    public record Entry(String id, Instant at, String type, @Nullable String actorId, @Nullable String actorName,
                 @Nullable String target, @Nullable String ip, @Nullable String details) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    public AuditLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void record(String type, @Nullable String actorId, @Nullable String actorName, @Nullable String target,
                @Nullable String details) {
        String ip = ClientAddress.current();
        String trimmed = details == null || details.length() <= 2000 ? details : details.substring(0, 2000);
        actorName = clean(actorName);
        target = clean(target);
        trimmed = clean(trimmed);
        jdbc.sql("INSERT INTO audit_events (id, at, type, actor_id, actor_name, target, ip, details) "
                        + "VALUES (?,?,?,?,?,?,?,?)")
                .params(UUID.randomUUID().toString(), clock.millis(), type, actorId, actorName, target, ip, trimmed)
                .update();
        log.info("audit {} actor={} target={} ip={}", type, actorName, target, ip);
    }

    /**
     * Names typed by anonymous callers reach the log and the table: control characters are replaced so that
     * nobody can forge log lines (a newline followed by a fake entry) or store text PostgreSQL refuses (NUL).
     */
    public static @Nullable String clean(@Nullable String text) {
        return text == null ? null : text.replaceAll("\\p{Cntrl}", "?");
    }

    /** Newest first; {@code before} pages backwards through older events. */
    public List<Entry> list(@Nullable String type, @Nullable Instant before, int limit) {
        StringBuilder sql = new StringBuilder(
                "SELECT id, at, type, actor_id, actor_name, target, ip, details FROM audit_events WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (type != null && !type.isBlank()) {
            sql.append(" AND type = ?");
            params.add(type);
        }
        if (before != null) {
            sql.append(" AND at < ?");
            params.add(before.toEpochMilli());
        }
        sql.append(" ORDER BY at DESC, id DESC LIMIT ?");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params)
                .query((row, n) -> new Entry(row.getString("id"), Instant.ofEpochMilli(row.getLong("at")),
                        row.getString("type"), row.getString("actor_id"), row.getString("actor_name"),
                        row.getString("target"),
                        row.getString("ip"), row.getString("details")))
                .list();
    }
}
