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

    /**
     * Text put into an answer as written, not read as Markdown: a conversation's title (which a model may have
     * written), a persona's or a person's name must not bring links or formatting into StarkBot's own answer.
     */
    public static String literal(String text) {
        return text.replaceAll("([\\\\`*_{}\\[\\]()#+\\-.!|<>~&])", "\\\\$1");
    }
}
