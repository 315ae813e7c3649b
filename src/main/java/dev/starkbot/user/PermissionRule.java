package dev.starkbot.user;

import org.jspecify.annotations.Nullable;

/**
 * One line of the permission matrix: requests with this method (any, when null) whose path matches this Spring
 * path pattern ({@code /api/keys/{id}}, {@code /api/admin/**}) need this access, and count against this rate-limit
 * group ({@code auth}, {@code read} or {@code write}; by method when null). A {@code sessionOnly} rule refuses API
 * keys: managing one's own credentials needs a person signed in, so a leaked key cannot change the password, end
 * sessions or mint more keys. The matrix itself is declared in one place in this module; a {@code PermissionRule}
 * bean adds a line, which only tests and plugins should need.
 */
public record PermissionRule(@Nullable String method, String pattern, Access access, @Nullable String rateGroup,
                             boolean sessionOnly) {

    public static PermissionRule of(@Nullable String method, String pattern, Access access) {
        return new PermissionRule(method, pattern, access, null, false);
    }

    public static PermissionRule sessionOnly(String method, String pattern, Access access) {
        return new PermissionRule(method, pattern, access, null, true);
    }

    public static PermissionRule auth(String method, String pattern) {
        return new PermissionRule(method, pattern, Access.PUBLIC, "auth", false);
    }
}
