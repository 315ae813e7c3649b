package dev.starkbot.user;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a user may do, from least to most. Each role includes everything the ones before it may do: a readonly
 * user reads their own data and changes nothing, a user also changes their own data, an admin also manages users,
 * invites and the audit log. Nobody, admins included, reads another user's conversations, keys or files through
 * the API.
 */
public enum Role {
    READONLY,
    USER,
    ADMIN;

    public boolean includes(Role other) {
        return ordinal() >= other.ordinal();
    }

    /** The narrower of two roles, used to bound an API key by its owner's current role. */
    public Role min(Role other) {
        return includes(other) ? other : this;
    }

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Role of(String id) {
        for (Role role : values()) {
            if (role.id().equalsIgnoreCase(id)) {
                return role;
            }
        }
        throw new IllegalArgumentException("Unknown role '" + id + "'; expected readonly, user or admin");
    }
}
