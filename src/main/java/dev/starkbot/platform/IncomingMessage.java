package dev.starkbot.platform;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A message (or a button press) that reached the bot on a platform, as the adapter recorded it.
 *
 * @param account        which bot on the platform received it (a bot's own id), for installations with several
 * @param threadId       the thread or topic inside the chat, if the platform has them
 * @param externalId     unique per platform and account (Telegram's update id): a message delivered twice is
 *                       recorded once
 * @param messageId      the platform's id of the message, to reply or react to it (a button press: the message
 *                       whose button was pressed)
 * @param text           the text or caption, possibly empty when only files came
 * @param addressedToBot true in a direct chat, and in a group when the bot was mentioned or replied to
 * @param callback       set when a button was pressed instead of a message sent
 */
public record IncomingMessage(String platform, String account, String chatId, @Nullable String threadId,
                              ChatKind chatKind, String senderId, String senderName, String externalId,
                              String messageId, String text, List<Attachment> attachments, boolean addressedToBot,
                              @Nullable Callback callback, Instant sentAt) {

    public IncomingMessage {
        attachments = List.copyOf(attachments);
    }

    /**
     * A button press.
     *
     * @param id the platform's id for answering it (Telegram's callback query id)
     */
    public record Callback(String id, String data) {
    }
}
