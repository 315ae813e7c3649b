package dev.starkbot.user.internal;

import java.time.Duration;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.starkbot.shared.Housekeeping;
import dev.starkbot.user.AccountsProperties;

/**
 * Removes what can no longer be used: ended sessions (expired, or idle past the timeout), invites expired or used a
 * week ago, and login throttling long past its window. Audit events stay: they are the security record.
 */
@Component
class AccountsCleanup implements Housekeeping {

    /** Used or expired invites stay visible to admins for a while, to see who joined with which. */
    private static final Duration KEEP_INVITES = Duration.ofDays(7);

    private final JdbcClient jdbc;
    private final AccountsProperties properties;

    AccountsCleanup(JdbcClient jdbc, AccountsProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    @Override
    public String name() {
        return "ended sessions, old invites and login throttling";
    }

    @Override
    public int clean(Instant now) {
        long at = now.toEpochMilli();
        int sessions = jdbc.sql("DELETE FROM sessions WHERE expires_at < ? OR last_seen_at < ?")
                .params(at, now.minus(properties.sessionIdleTimeout()).toEpochMilli()).update();
        long invitesBefore = now.minus(KEEP_INVITES).toEpochMilli();
        int invites = jdbc.sql("DELETE FROM invites WHERE expires_at < ? OR used_at < ?")
                .params(invitesBefore, invitesBefore).update();
        int throttles = jdbc.sql("DELETE FROM login_throttle WHERE last_failure_at < ? AND blocked_until < ?")
                .params(now.minus(properties.loginFailureWindow()).toEpochMilli(), at).update();
        return sessions + invites + throttles;
    }
}
