package dev.starkbot.platform.telegram.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import com.pengrad.telegrambot.model.CallbackQuery;
import com.pengrad.telegrambot.model.Chat;
import com.pengrad.telegrambot.model.Message;
import com.pengrad.telegrambot.model.MessageEntity;
import com.pengrad.telegrambot.model.PhotoSize;
import com.pengrad.telegrambot.model.Update;
import com.pengrad.telegrambot.model.User;

import dev.starkbot.platform.Attachment;
import dev.starkbot.platform.ChatKind;
import dev.starkbot.platform.IncomingMessage;

/** Turns Telegram updates into the router's messages; their files are recorded by reference. */
final class TelegramUpdates {

    /** The message an update carries, or null for updates the bot does not answer (edits, joins, channel posts). */
    static @Nullable IncomingMessage map(Update update, TelegramBotIdentity me) {
        String externalId = Integer.toString(update.updateId());
        if (update.callbackQuery() != null) {
            return callback(update.callbackQuery(), externalId, me);
        }
        Message message = update.message();
        if (message == null || message.from() == null || message.chat() == null) {
            return null;
        }
        ChatKind kind = kind(message.chat());
        String text = message.text() != null ? message.text() : message.caption() != null ? message.caption() : "";
        MessageEntity[] entities = message.entities() != null ? message.entities() : message.captionEntities();
        boolean addressed = kind == ChatKind.DIRECT || mentions(text, entities, me) || repliesToBot(message, me);
        if (kind == ChatKind.GROUP) {
            text = text.replace("@" + me.username(), "").strip();
        }
        List<Attachment> attachments = new ArrayList<>();
        attachments(message, attachments);
        if (text.isBlank() && attachments.isEmpty()) {
            return null;
        }
        return new IncomingMessage("telegram", me.id(), Long.toString(message.chat().id()), thread(message), kind,
                sender(message), senderName(message), externalId,
                Integer.toString(message.messageId()), text, attachments, addressed, null,
                Instant.ofEpochSecond(message.date() == null ? 0 : message.date()));
    }

    private static @Nullable IncomingMessage callback(CallbackQuery query, String externalId,
                                                      TelegramBotIdentity me) {
        var source = query.maybeInaccessibleMessage();
        if (source == null || source.chat() == null || query.data() == null) {
            return null;
        }
        String thread = source instanceof Message message ? thread(message) : null;
        return new IncomingMessage("telegram", me.id(), Long.toString(source.chat().id()), thread,
                kind(source.chat()), Long.toString(query.from().id()), name(query.from()), externalId,
                Integer.toString(source.messageId()), "", List.of(), true,
                new IncomingMessage.Callback(query.id(), query.data()), Instant.now());
    }

    /** The message's files, by reference: they are downloaded only once the sender is let in. */
    private static void attachments(Message message, List<Attachment> attachments) {
        PhotoSize[] photo = message.photo();
        if (photo != null && photo.length > 0) {
            // Telegram sends every size it made; the last is the largest
            PhotoSize largest = photo[photo.length - 1];
            attachments.add(reference(Attachment.Kind.PHOTO, "photo-" + message.messageId() + ".jpg", "image/jpeg",
                    largest.fileSize(), largest.fileId()));
        }
        if (message.document() != null) {
            var document = message.document();
            attachments.add(reference(Attachment.Kind.DOCUMENT, document.fileName() == null
                    ? "document-" + message.messageId() : document.fileName(), document.mimeType(),
                    document.fileSize(), document.fileId()));
        }
        if (message.voice() != null) {
            var voice = message.voice();
            attachments.add(reference(Attachment.Kind.VOICE, "voice-" + message.messageId() + ".ogg",
                    voice.mimeType() == null ? "audio/ogg" : voice.mimeType(), voice.fileSize(), voice.fileId()));
        }
    }

    private static Attachment reference(Attachment.Kind kind, String name, @Nullable String mimeType,
                                        @Nullable Long size, String fileId) {
        return new Attachment(kind, name, mimeType, size == null ? 0 : size, "", fileId);
    }

    private static boolean mentions(String text, MessageEntity @Nullable [] entities, TelegramBotIdentity me) {
        if (entities == null) {
            return false;
        }
        for (MessageEntity entity : entities) {
            if (entity.type() == null || entity.offset() == null || entity.length() == null) {
                // an entity type newer than the library: not a mention of the bot
                continue;
            }
            int end = Math.min(text.length(), entity.offset() + entity.length());
            String covered = entity.offset() < end ? text.substring(entity.offset(), end) : "";
            switch (entity.type()) {
                case mention -> {
                    if (covered.equalsIgnoreCase("@" + me.username())) {
                        return true;
                    }
                }
                case text_mention -> {
                    if (entity.user() != null && me.id().equals(Long.toString(entity.user().id()))) {
                        return true;
                    }
                }
                case bot_command -> {
                    // "/help" is for every bot in the group; "/help@other_bot" is not for this one
                    int at = covered.indexOf('@');
                    if (entity.offset() == 0 && (at < 0 || covered.substring(at + 1).equalsIgnoreCase(me.username()))) {
                        return true;
                    }
                }
                default -> {
                }
            }
        }
        return false;
    }

    private static boolean repliesToBot(Message message, TelegramBotIdentity me) {
        Message original = message.replyToMessage();
        return original != null && original.from() != null && me.id().equals(Long.toString(original.from().id()));
    }

    /**
     * Who wrote: the user, or for a message posted on behalf of a chat (an anonymous group admin, a channel, an
     * automatic forward) the chat itself. Such messages come from shared service accounts (GroupAnonymousBot and
     * others), which must never be taken for one person: they get a {@code chat:} id of their own.
     */
    private static String sender(Message message) {
        return message.senderChat() != null ? "chat:" + message.senderChat().id() : Long.toString(message.from().id());
    }

    private static String senderName(Message message) {
        Chat chat = message.senderChat();
        return chat != null ? (chat.title() != null ? chat.title() : "chat " + chat.id()) : name(message.from());
    }

    private static ChatKind kind(Chat chat) {
        return chat.type() == Chat.Type.Private ? ChatKind.DIRECT : ChatKind.GROUP;
    }

    private static @Nullable String thread(Message message) {
        // only forum topics are threads; in an ordinary group message_thread_id marks a reply chain
        return Boolean.TRUE.equals(message.isTopicMessage()) && message.messageThreadId() != null
                ? Long.toString(message.messageThreadId()) : null;
    }

    private static String name(User user) {
        String name = user.firstName() + (user.lastName() == null ? "" : " " + user.lastName());
        return name.isBlank() && user.username() != null ? user.username() : name.strip();
    }
}
