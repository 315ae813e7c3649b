package dev.starkbot.user;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

import dev.starkbot.shared.Secret;

/**
 * The first admin, created without interaction on a first start with no users (as Keycloak's bootstrap admin).
 * Ignored once any user exists, so it is safe to leave set; but remove the password from the environment after
 * the first start anyway.
 *
 * @param username the first admin's username, used only while no user exists. Env:
 *                 {@code STARKBOT_ADMIN_USERNAME}.
 * @param password the first admin's password (at least {@code starkbot.accounts.min-password-length} characters).
 *                 Env: {@code STARKBOT_ADMIN_PASSWORD}.
 */
@ConfigurationProperties("starkbot.admin")
public record BootstrapAdminProperties(@Nullable String username, @Nullable Secret password) {
}
