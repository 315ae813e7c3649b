package dev.starkbot.command;

import org.jspecify.annotations.Nullable;

/**
 * What a command answers.
 *
 * @param text           the reply to show, in Markdown
 * @param conversationId the conversation the chat should continue in, when the command changed it ({@code /new})
 */
public record CommandResult(String text, @Nullable String conversationId) {

    public static CommandResult of(String text) {
        return new CommandResult(text, null);
    }
}
