package dev.starkbot.user.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.starkbot.user.AccountException;
import dev.starkbot.user.Principal;
import dev.starkbot.user.Principal.CredentialKind;
import dev.starkbot.user.Role;

/**
 * Per-user API keys for scripts and integrations: {@code sbk_} followed by 256 random bits, shown once, stored as a
 * hash. A key acts with the narrower of its scope and its owner's current role, so demoting a user narrows their
 * keys at once.
 */
@Component
class ApiKeyService {

    static final int MAX_KEYS_PER_USER = 50;
    static final Duration MAX_LIFETIME = Duration.ofDays(3650);
    private static final long TOUCH_EVERY_MS = 60_000;

    record Created(String key, ApiKeyView apiKey) {

        @Override
        public String toString() {
            return "Created[key=[REDACTED], apiKey=" + apiKey.id() + "]";
        }
    }

    record ApiKeyView(String id, String name, String prefix, Role scope, Instant createdAt,
                      @Nullable Instant expiresAt, @Nullable Instant lastUsedAt, @Nullable Instant revokedAt) {

        ApiKeyView(String id, String name, String prefix, Role scope, long createdAt, @Nullable Long expiresAt,
                   @Nullable Long lastUsedAt, @Nullable Long revokedAt) {
            this(id, name, prefix, scope, Instant.ofEpochMilli(createdAt), instant(expiresAt), instant(lastUsedAt),
                    instant(revokedAt));
        }
    }

    private static @Nullable Instant instant(@Nullable Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final UserAudit audit;

    ApiKeyService(JdbcClient jdbc, Clock clock, UserAudit audit) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.audit = audit;
    }

    Created create(Principal owner, String name, Role scope, @Nullable Instant expiresAt) {
        if (!owner.role().includes(scope)) {
            throw AccountException.invalid("scope-too-wide", "A key cannot have scope '" + scope.id()
                    + "': it may not exceed your own access (" + owner.role().id() + ")");
        }
        long now = clock.millis();
        Instant latest = clock.instant().plus(MAX_LIFETIME);
        if (expiresAt != null && (expiresAt.toEpochMilli() <= now || expiresAt.isAfter(latest))) {
            throw AccountException.invalid("invalid-expiry", "expiresAt must be in the future and within "
                    + MAX_LIFETIME.toDays() + " days");
        }
        long active = jdbc.sql("SELECT count(*) FROM api_keys WHERE user_id = ? AND revoked_at IS NULL "
                        + "AND (expires_at IS NULL OR expires_at > ?)")
                .params(owner.userId(), now).query(Long.class).single();
        if (active >= MAX_KEYS_PER_USER) {
            throw AccountException.conflict("too-many-keys", "You already have " + MAX_KEYS_PER_USER
                    + " API keys; revoke one first");
        }
        String key = Tokens.generate(Tokens.API_KEY_PREFIX);
        String id = UUID.randomUUID().toString();
        String prefix = key.substring(0, 10);
        Long expires = expiresAt == null ? null : expiresAt.toEpochMilli();
        jdbc.sql("INSERT INTO api_keys (id, key_hash, key_prefix, user_id, name, scope, created_at, expires_at) "
                        + "VALUES (?,?,?,?,?,?,?,?)")
                .params(id, Tokens.hash(key), prefix, owner.userId(), name, scope.id(), now, expires)
                .update();
        audit.record("api-key.created", owner, id, "name=" + name + " scope=" + scope.id());
        return new Created(key, new ApiKeyView(id, name, prefix, scope, now, expires, null, null));
    }

    Optional<Principal> resolve(String key) {
        long now = clock.millis();
        return jdbc.sql("SELECT k.id, k.scope, k.expires_at, k.revoked_at, k.last_used_at, u.id AS user_id, "
                        + "u.username, u.role, u.status FROM api_keys k JOIN users u ON u.id = k.user_id "
                        + "WHERE k.key_hash = ?")
                .param(Tokens.hash(key))
                .query((row, n) -> {
                    long expires = row.getLong("expires_at");
                    boolean expired = !row.wasNull() && expires <= now;
                    row.getLong("revoked_at");
                    boolean revoked = !row.wasNull();
                    if (expired || revoked || !"active".equals(row.getString("status"))) {
                        return null;
                    }
                    long lastUsed = row.getLong("last_used_at");
                    if (row.wasNull() || now - lastUsed > TOUCH_EVERY_MS) {
                        jdbc.sql("UPDATE api_keys SET last_used_at = ? WHERE id = ?")
                                .params(now, row.getString("id")).update();
                    }
                    Role effective = Role.of(row.getString("role")).min(Role.of(row.getString("scope")));
                    return new Principal(row.getString("user_id"), row.getString("username"), effective,
                            CredentialKind.API_KEY, row.getString("id"));
                })
                .optional();
    }

    List<ApiKeyView> list(Principal owner) {
        return jdbc.sql("SELECT id, name, key_prefix, scope, created_at, expires_at, last_used_at, revoked_at "
                        + "FROM api_keys WHERE user_id = ? ORDER BY created_at DESC")
                .param(owner.userId())
                .query((row, n) -> new ApiKeyView(row.getString("id"), row.getString("name"),
                        row.getString("key_prefix"), Role.of(row.getString("scope")), row.getLong("created_at"),
                        nullableLong(row, "expires_at"), nullableLong(row, "last_used_at"),
                        nullableLong(row, "revoked_at")))
                .list();
    }

    /** Someone else's key id is answered exactly like an unknown one. */
    void revoke(Principal owner, String keyId) {
        int updated = jdbc.sql("UPDATE api_keys SET revoked_at = ? WHERE id = ? AND user_id = ? "
                        + "AND revoked_at IS NULL")
                .params(clock.millis(), keyId, owner.userId()).update();
        if (updated == 0) {
            throw AccountException.notFound("API key");
        }
        audit.record("api-key.revoked", owner, keyId, null);
    }

    void revokeAll(String userId) {
        jdbc.sql("UPDATE api_keys SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL")
                .params(clock.millis(), userId).update();
    }

    private static @Nullable Long nullableLong(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }
}
