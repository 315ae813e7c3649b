package dev.starkbot.command;

import org.jspecify.annotations.Nullable;

import dev.starkbot.user.Role;

/**
 * Who runs a command, and where.
 *
 * @param conversationId the conversation the command was typed in, if any
 * @param platform       {@code web}, {@code telegram}, ...
 */
public record CommandContext(String userId, Role role, @Nullable String conversationId, String platform) {
}
