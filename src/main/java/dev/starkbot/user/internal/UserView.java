package dev.starkbot.user.internal;

import java.time.Instant;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import dev.starkbot.user.Preferences;
import dev.starkbot.user.Role;

/** A user as the API shows it: never the password hash. */
record UserView(String id, String username, String displayName, Role role, String status, Instant createdAt,
                @Nullable Instant lastLoginAt, Preferences preferences) {

    static UserView of(UserRow user) {
        return new UserView(user.id(), user.username(), user.displayName(), user.role(),
                user.status().name().toLowerCase(Locale.ROOT), Instant.ofEpochMilli(user.createdAt()),
                user.lastLoginAt() == null ? null : Instant.ofEpochMilli(user.lastLoginAt()),
                user.preferences());
    }
}
