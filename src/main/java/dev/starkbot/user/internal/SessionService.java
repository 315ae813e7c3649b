package dev.starkbot.user.internal;

import java.time.Instant;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.starkbot.user.AccountException;
import dev.starkbot.user.AccountsProperties;
import dev.starkbot.user.Principal;
import dev.starkbot.user.Principal.CredentialKind;
import dev.starkbot.user.Role;

/**
 * Login sessions: an opaque {@code sbs_} token, stored only as its hash, that ends after
 * {@code sessionIdleTimeout} without use or {@code sessionMaxAge} after login, whichever comes first.
 */
@Component
class SessionService {

    /** Writing last-seen on every request would make every read a write; once a minute is precise enough. */
    private static final long TOUCH_EVERY_MS = 60_000;

    record Issued(String token, SessionView session) {

        @Override
        public String toString() {
            return "Issued[token=[REDACTED], session=" + session.id() + "]";
        }
    }

    record SessionView(String id, String kind, Instant createdAt, Instant lastSeenAt, Instant expiresAt,
                       Instant idleExpiresAt, @Nullable String ip, @Nullable String userAgent, boolean current) {

        SessionView(String id, String kind, long createdAt, long lastSeenAt, long expiresAt, long idleExpiresAt,
                    @Nullable String ip, @Nullable String userAgent, boolean current) {
            this(id, kind, Instant.ofEpochMilli(createdAt), Instant.ofEpochMilli(lastSeenAt),
                    Instant.ofEpochMilli(expiresAt), Instant.ofEpochMilli(idleExpiresAt), ip, userAgent, current);
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AccountsProperties properties;

    SessionService(JdbcClient jdbc, Clock clock, AccountsProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    Issued create(UserRow user, CredentialKind kind, @Nullable String ip, @Nullable String userAgent) {
        long now = clock.millis();
        jdbc.sql("DELETE FROM sessions WHERE user_id = ? AND (expires_at <= ? OR last_seen_at <= ?)")
                .params(user.id(), now, now - properties.sessionIdleTimeout().toMillis()).update();
        String token = Tokens.generate(Tokens.SESSION_PREFIX);
        String id = UUID.randomUUID().toString();
        long expires = now + properties.sessionMaxAge().toMillis();
        String agent = userAgent == null || userAgent.length() <= 255 ? userAgent : userAgent.substring(0, 255);
        jdbc.sql("INSERT INTO sessions (id, token_hash, user_id, kind, created_at, last_seen_at, expires_at, ip, "
                        + "user_agent) VALUES (?,?,?,?,?,?,?,?,?)")
                .params(id, Tokens.hash(token), user.id(), kindId(kind), now, now, expires, ip, agent)
                .update();
        return new Issued(token, new SessionView(id, kindId(kind), now, now, expires, idleExpiry(now, expires), ip,
                agent, true));
    }

    /** The principal behind a token, if the session is alive and its user active. */
    Optional<Principal> resolve(String token, CredentialKind kind) {
        long now = clock.millis();
        return jdbc.sql("SELECT s.id, s.last_seen_at, s.expires_at, u.id AS user_id, u.username, u.role, u.status "
                        + "FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?")
                .param(Tokens.hash(token))
                .query((row, n) -> {
                    long lastSeen = row.getLong("last_seen_at");
                    boolean alive = row.getLong("expires_at") > now
                            && lastSeen > now - properties.sessionIdleTimeout().toMillis()
                            && "active".equals(row.getString("status"));
                    if (!alive) {
                        return null;
                    }
                    if (now - lastSeen > TOUCH_EVERY_MS) {
                        jdbc.sql("UPDATE sessions SET last_seen_at = ? WHERE id = ?")
                                .params(now, row.getString("id")).update();
                    }
                    return new Principal(row.getString("user_id"), row.getString("username"),
                            Role.of(row.getString("role")), kind, row.getString("id"));
                })
                .optional();
    }

    List<SessionView> list(Principal owner) {
        long now = clock.millis();
        return jdbc.sql("SELECT id, kind, created_at, last_seen_at, expires_at, ip, user_agent FROM sessions "
                        + "WHERE user_id = ? AND expires_at > ? AND last_seen_at > ? ORDER BY last_seen_at DESC")
                .params(owner.userId(), now, now - properties.sessionIdleTimeout().toMillis())
                .query((row, n) -> new SessionView(row.getString("id"), row.getString("kind"),
                        row.getLong("created_at"), row.getLong("last_seen_at"), row.getLong("expires_at"),
                        idleExpiry(row.getLong("last_seen_at"), row.getLong("expires_at")), row.getString("ip"),
                        row.getString("user_agent"), row.getString("id").equals(owner.credentialId())))
                .list();
    }

    /** Revokes one of the owner's sessions; someone else's session id is answered exactly like an unknown one. */
    void revoke(Principal owner, String sessionId) {
        int deleted = jdbc.sql("DELETE FROM sessions WHERE id = ? AND user_id = ?")
                .params(sessionId, owner.userId()).update();
        if (deleted == 0) {
            throw AccountException.notFound("session");
        }
    }

    void revokeAll(String userId, @Nullable String except) {
        jdbc.sql("DELETE FROM sessions WHERE user_id = ? AND id <> ?").params(userId, except == null ? "" : except)
                .update();
    }

    private long idleExpiry(long lastSeen, long expires) {
        return Math.min(expires, lastSeen + properties.sessionIdleTimeout().toMillis());
    }

    private static String kindId(CredentialKind kind) {
        return kind == CredentialKind.SESSION_COOKIE ? "cookie" : "bearer";
    }
}
