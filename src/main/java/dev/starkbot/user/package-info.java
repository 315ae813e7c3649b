/**
 * Accounts and access control: users with roles and preferences, the first admin, invites and registration,
 * login sessions, per-user API keys, the permission matrix that every HTTP endpoint is checked against, rate
 * limits, brute-force throttling of logins and the audit log of security events. Other modules read who is
 * calling through {@link dev.starkbot.user.Principal} (a controller parameter annotated
 * {@code @AuthenticationPrincipal}) and users' preferences through {@link dev.starkbot.user.UserService}.
 */
@ApplicationModule(displayName = "Users and access")
@NullMarked
package dev.starkbot.user;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
