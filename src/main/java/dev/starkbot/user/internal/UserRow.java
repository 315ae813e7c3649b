package dev.starkbot.user.internal;

import org.jspecify.annotations.Nullable;

import dev.starkbot.user.Preferences;
import dev.starkbot.user.Role;

/** A row of {@code users}; instants in epoch milliseconds like every table. */
record UserRow(String id, String username, String displayName, String passwordHash, Role role, Status status,
               Preferences preferences, long createdAt, @Nullable Long lastLoginAt) {

    enum Status {
        ACTIVE,
        PENDING,
        DISABLED
    }

    UserRow withRole(Role newRole) {
        return new UserRow(id, username, displayName, passwordHash, newRole, status, preferences, createdAt,
                lastLoginAt);
    }

    UserRow withStatus(Status newStatus) {
        return new UserRow(id, username, displayName, passwordHash, role, newStatus, preferences, createdAt,
                lastLoginAt);
    }

    boolean active() {
        return status == Status.ACTIVE;
    }
}
