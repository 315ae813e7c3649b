package dev.starkbot.user.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.starkbot.shared.ClientAddress;
import dev.starkbot.user.AccountsProperties;

/**
 * Growing delays after failed logins, counted separately per account name and per client address: after
 * {@code loginFreeFailures} failures each further one doubles the wait, from 1 s up to {@code loginMaxDelay}. The
 * account key slows down a distributed guess at one password; the address key slows one client guessing many
 * accounts, and allows {@value #ADDRESS_ALLOWANCE} times as many free failures because a household or office
 * shares one address. A count starts again once {@code loginFailureWindow} passes without a failure. Counts live
 * in the database so that all instances share them.
 *
 * <p>Increments are read-modify-write without a lock: two failures at the same instant may count as one, which
 * only shortens a delay by one step.
 */
@Component
class LoginThrottle {

    static final int ADDRESS_ALLOWANCE = 5;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AccountsProperties properties;

    LoginThrottle(JdbcClient jdbc, Clock clock, AccountsProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    /** How long this account name or address must still wait, if at all. */
    Optional<Duration> blocked(String username, String address) {
        long now = clock.millis();
        long until = Math.max(blockedUntil(accountKey(username)), blockedUntil(addressKey(address)));
        return until > now ? Optional.of(Duration.ofMillis(until - now)) : Optional.empty();
    }

    void failed(String username, String address) {
        long now = clock.millis();
        long windowStart = now - properties.loginFailureWindow().toMillis();
        jdbc.sql("DELETE FROM login_throttle WHERE last_failure_at < ? AND blocked_until < ?")
                .params(windowStart, now).update();
        count(accountKey(username), now, 0);
        count(addressKey(address), now, properties.loginFreeFailures() * (ADDRESS_ALLOWANCE - 1));
    }

    /** Only the account is forgiven: a correct password for one account says nothing about guesses at others. */
    void succeeded(String username) {
        jdbc.sql("DELETE FROM login_throttle WHERE throttle_key = ?").param(accountKey(username)).update();
    }

    Duration delayAfter(int failures) {
        return delayAfter(failures, 0);
    }

    private Duration delayAfter(int failures, int extraAllowance) {
        int over = failures - properties.loginFreeFailures() - extraAllowance;
        if (over <= 0) {
            return Duration.ZERO;
        }
        Duration delay = Duration.ofSeconds(1L << Math.min(over - 1, 20));
        return delay.compareTo(properties.loginMaxDelay()) > 0 ? properties.loginMaxDelay() : delay;
    }

    private void count(String key, long now, int extraAllowance) {
        long windowStart = now - properties.loginFailureWindow().toMillis();
        int failures = jdbc.sql("SELECT failures FROM login_throttle WHERE throttle_key = ? AND last_failure_at >= ?")
                .params(key, windowStart).query(Integer.class).optional().orElse(0) + 1;
        long until = now + delayAfter(failures, extraAllowance).toMillis();
        jdbc.sql("INSERT INTO login_throttle (throttle_key, failures, last_failure_at, blocked_until) "
                        + "VALUES (?, ?, ?, ?) ON CONFLICT (throttle_key) DO UPDATE SET failures = excluded.failures, "
                        + "last_failure_at = excluded.last_failure_at, blocked_until = excluded.blocked_until")
                .params(key, failures, now, until)
                .update();
    }

    private long blockedUntil(String key) {
        return jdbc.sql("SELECT blocked_until FROM login_throttle WHERE throttle_key = ?").param(key)
                .query(Long.class).optional().orElse(0L);
    }

    private static String accountKey(String username) {
        String key = UserRepository.key(username);
        return "account:" + (key.length() > 150 ? key.substring(0, 150) : key);
    }

    private static String addressKey(String address) {
        return "address:" + ClientAddress.limitKey(address);
    }
}
