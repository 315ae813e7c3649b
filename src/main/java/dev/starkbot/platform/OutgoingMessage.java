package dev.starkbot.platform;

import java.util.List;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;

/**
 * A message for a platform to send, already formatted for it and within its length limit.
 *
 * @param text        in the platform's own markup (see {@link dev.starkbot.platform.spi.MessageFormat})
 * @param replyTo     the platform's id of the message this answers, or null
 * @param buttons     shown under the message by platforms with buttons; ignored by others
 * @param attachments sent with (or as) the message by platforms with media; ignored by others
 * @param notice      StarkBot's own words (a command's answer, a pairing code, an error), not the model's: platforms
 *                    with rich messages set them apart (Discord shows them in an embed), so that nothing the model
 *                    writes can pass for one. A row written before this field existed reads as false.
 * @param inResponseTo the platform's id of the received message this answers, in any kind of chat (unlike {@code
 *                    replyTo}, which asks for a quote): where a platform answers in place (a Discord slash command's
 *                    placeholder), or null
 */
public record OutgoingMessage(String chatId, @Nullable String threadId, String text, @Nullable String replyTo,
                              List<Button> buttons, List<Attachment> attachments,
                              @JsonSetter(nulls = Nulls.AS_EMPTY) boolean notice, @Nullable String inResponseTo) {

    public OutgoingMessage {
        buttons = List.copyOf(buttons);
        attachments = List.copyOf(attachments);
    }

    /** A message in the model's words (or a file): shown as any other message. */
    public OutgoingMessage(String chatId, @Nullable String threadId, String text, @Nullable String replyTo,
                           List<Button> buttons, List<Attachment> attachments) {
        this(chatId, threadId, text, replyTo, buttons, attachments, false, null);
    }

    public static OutgoingMessage text(String chatId, @Nullable String threadId, String text) {
        return new OutgoingMessage(chatId, threadId, text, null, List.of(), List.of());
    }

    public static OutgoingMessage notice(String chatId, @Nullable String threadId, String text) {
        return new OutgoingMessage(chatId, threadId, text, null, List.of(), List.of(), true, null);
    }
}
