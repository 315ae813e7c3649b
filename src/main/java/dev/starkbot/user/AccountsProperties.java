package dev.starkbot.user;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Accounts, sessions and login protection.
 *
 * @param registration          who may create an account: {@code invite-only} (an admin's single-use invite
 *                              code), {@code open}, or {@code approval} (open, but new accounts wait for an admin).
 * @param minPasswordLength     shortest password accepted, from 8 to 128 (the longest is always 256).
 * @param sessionIdleTimeout    a session unused for this long ends.
 * @param sessionMaxAge         a session ends this long after login, however much it is used.
 * @param setupCodeValidity     how long the one-time setup code printed at first start stays valid.
 * @param loginFreeFailures     failed logins allowed per account before delays start (five times as many per
 *                              client address, which several people may share).
 * @param loginMaxDelay         the longest a throttled account or address has to wait; delays double from 1 s.
 * @param loginFailureWindow    a count of failures starts again after this long without one; keep it longer
 *                              than {@code loginMaxDelay}, or a patient guesser never reaches the longest delay.
 */
@ConfigurationProperties("starkbot.accounts")
@Validated
public record AccountsProperties(
        @DefaultValue("invite-only") Registration registration,
        @DefaultValue("10") @Min(8) @Max(128) int minPasswordLength,
        @DefaultValue("7d") Duration sessionIdleTimeout,
        @DefaultValue("30d") Duration sessionMaxAge,
        @DefaultValue("1h") Duration setupCodeValidity,
        @DefaultValue("5") @Min(1) int loginFreeFailures,
        @DefaultValue("15m") Duration loginMaxDelay,
        @DefaultValue("1h") Duration loginFailureWindow) {

    public enum Registration {
        INVITE_ONLY,
        OPEN,
        APPROVAL
    }
}
