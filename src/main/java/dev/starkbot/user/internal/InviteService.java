package dev.starkbot.user.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.starkbot.user.AccountException;
import dev.starkbot.user.Principal;
import dev.starkbot.user.Role;

/** Single-use invite codes that admins hand out; a code carries the role its holder will get. */
@Component
class InviteService {

    record Created(String code, InviteView invite) {

        @Override
        public String toString() {
            return "Created[code=[REDACTED], invite=" + invite.id() + "]";
        }
    }

    record InviteView(String id, Role role, String createdBy, Instant createdAt, Instant expiresAt,
                      @Nullable Instant usedAt, @Nullable String usedBy) {

        InviteView(String id, Role role, String createdBy, long createdAt, long expiresAt, @Nullable Long usedAt,
                   @Nullable String usedBy) {
            this(id, role, createdBy, Instant.ofEpochMilli(createdAt), Instant.ofEpochMilli(expiresAt),
                    usedAt == null ? null : Instant.ofEpochMilli(usedAt), usedBy);
        }
    }

    private static final String ACTIVE_ADMINS = "(SELECT id FROM users WHERE role = 'admin' AND status = 'active')";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final UserAudit audit;

    InviteService(JdbcClient jdbc, Clock clock, UserAudit audit) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.audit = audit;
    }

    Created create(Principal admin, Role role, Duration validFor) {
        String code = Tokens.generate(Tokens.INVITE_PREFIX);
        String id = UUID.randomUUID().toString();
        long now = clock.millis();
        long expires = now + validFor.toMillis();
        jdbc.sql("INSERT INTO invites (id, code_hash, role, created_by, created_at, expires_at) VALUES (?,?,?,?,?,?)")
                .params(id, Tokens.hash(code), role.id(), admin.userId(), now, expires).update();
        audit.record("invite.created", admin, id,
                "role=" + role.id() + " expires=" + Instant.ofEpochMilli(expires));
        return new Created(code, new InviteView(id, role, admin.userId(), now, expires, null, null));
    }

    List<InviteView> list() {
        return jdbc.sql("SELECT id, role, created_by, created_at, expires_at, used_at, used_by FROM invites "
                        + "ORDER BY created_at DESC")
                .query((row, n) -> {
                    long usedAt = row.getLong("used_at");
                    Long used = row.wasNull() ? null : usedAt;
                    return new InviteView(row.getString("id"), Role.of(row.getString("role")),
                            row.getString("created_by"), row.getLong("created_at"), row.getLong("expires_at"), used,
                            row.getString("used_by"));
                })
                .list();
    }

    void revoke(Principal admin, String id) {
        int deleted = jdbc.sql("DELETE FROM invites WHERE id = ? AND used_at IS NULL").param(id).update();
        if (deleted == 0) {
            throw AccountException.notFound("unused invite");
        }
        audit.record("invite.revoked", admin, id, null);
    }

    /** A cheap look before the expensive work of registering: is this code usable right now? */
    boolean usable(String code) {
        return jdbc.sql("SELECT count(*) FROM invites WHERE code_hash = ? AND used_at IS NULL AND expires_at > ? "
                        + "AND created_by IN " + ACTIVE_ADMINS)
                .params(Tokens.hash(code), clock.millis()).query(Long.class).single() > 0;
    }

    /**
     * Claims the code for a new account. The conditional update is what makes the code single-use: of two
     * concurrent registrations with one code, exactly one changes the row.
     */
    Role claim(String code, String claimant) {
        long now = clock.millis();
        String hash = Tokens.hash(code);
        // An invite is only as good as its creator: one made by an admin since demoted or disabled is void.
        int claimed = jdbc.sql("UPDATE invites SET used_at = ? WHERE code_hash = ? AND used_at IS NULL "
                        + "AND expires_at > ? AND created_by IN " + ACTIVE_ADMINS)
                .params(now, hash, now).update();
        if (claimed == 0) {
            throw AccountException.invalid("invalid-invite", "The invite code is not valid, already used or expired");
        }
        return jdbc.sql("SELECT role FROM invites WHERE code_hash = ?").param(hash).query(String.class).optional()
                .map(Role::of).orElseThrow();
    }

    void markUsedBy(String code, String userId) {
        jdbc.sql("UPDATE invites SET used_by = ? WHERE code_hash = ?").params(userId, Tokens.hash(code)).update();
    }
}
