package dev.starkbot.user;

import org.jspecify.annotations.Nullable;

/**
 * One line of the permission matrix: requests with this method (any, when null) whose path matches this Spring
 * path pattern ({@code /api/keys/{id}}, {@code /api/admin/**}) need this access, and count against this rate-limit
 * group ({@code auth}, {@code read} or {@code write}; by method when null). The matrix itself is declared in one
 * place in this module; a {@code PermissionRule} bean adds a line, which only tests and plugins should need.
 */
public record PermissionRule(@Nullable String method, String pattern, Access access, @Nullable String rateGroup) {

    public static PermissionRule of(@Nullable String method, String pattern, Access access) {
        return new PermissionRule(method, pattern, access, null);
    }
}
