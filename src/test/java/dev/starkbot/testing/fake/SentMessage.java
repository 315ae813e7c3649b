package dev.starkbot.testing.fake;

import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * A message the bot sent, as {@link FakeTelegramServer} holds it, with every version it had: the original first,
 * then one per successful edit.
 *
 * @param kind    {@code text}, {@code photo}, {@code document} or {@code voice}
 * @param replyTo the message it replies to in the same chat, or null
 * @param file    the photo, document or voice it carries, or null for text
 * @param history every version, oldest first; never empty
 */
public record SentMessage(long chatId, int messageId, String kind, Integer replyTo, TelegramFile file,
        List<Version> history) {

    /**
     * One version of the message.
     *
     * @param text        the text (a caption for media) exactly as the bot sent it, markup included
     * @param parseMode   the parse_mode it was sent with, or null
     * @param plainText   the text as the user sees it, markup parsed away
     * @param entities    the entities Telegram derived from the markup (a JSON array)
     * @param replyMarkup the reply_markup object, or a missing node when there is none
     */
    public record Version(String text, String parseMode, String plainText, JsonNode entities, JsonNode replyMarkup) {
    }

    public SentMessage {
        history = List.copyOf(history);
    }

    public Version current() {
        return history.getLast();
    }

    public String text() {
        return current().text();
    }

    public String plainText() {
        return current().plainText();
    }

    public String parseMode() {
        return current().parseMode();
    }

    public JsonNode replyMarkup() {
        return current().replyMarkup();
    }

    /** The versions after the original, oldest first. */
    public List<Version> edits() {
        return history.subList(1, history.size());
    }
}
