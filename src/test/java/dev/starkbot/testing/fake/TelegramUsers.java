package dev.starkbot.testing.fake;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What users do in Telegram's apps, turned into messages and updates as Telegram would: commands and mentions
 * marked as entities, replies quoting the message they answer, button presses as callback queries, and in groups
 * with privacy mode on only what the bot may see (commands, mentions of it, replies to it).
 */
final class TelegramUsers {

    /** A command ({@code /start}, {@code /start@some_bot}) where a word begins. */
    private static final Pattern COMMAND = Pattern.compile("(?<![\\w/])/[A-Za-z0-9_]{1,32}(@[A-Za-z0-9_]{3,32})?");
    private static final Pattern MENTION = Pattern.compile("(?<![\\w@])@[A-Za-z0-9_]{4,32}");

    private final TelegramChats chats;
    private final TelegramUpdates updates;
    private final String botUsername;

    TelegramUsers(TelegramChats chats, TelegramUpdates updates, String botUsername) {
        this.chats = chats;
        this.updates = updates;
        this.botUsername = botUsername;
    }

    FakeTelegramServer.Posted sends(long chatId, TelegramUser from, String text, Integer replyTo) {
        ObjectNode content = WireJson.object().put("text", text);
        ArrayNode entities = entities(text);
        if (!entities.isEmpty()) {
            content.set("entities", entities);
        }
        return post(chatId, from, "text", replyTo, null, content, text);
    }

    /** A photo, document or voice note with an optional caption; the fake keeps the bytes for getFile. */
    FakeTelegramServer.Posted sendsFile(long chatId, TelegramUser from, String caption,
            Function<TelegramChats, TelegramMedia.Attachment> store) {
        TelegramMedia.Attachment attachment = store.apply(chats);
        if (attachment == null) {
            throw new IllegalArgumentException("Telegram's apps send only images as photos");
        }
        ObjectNode content = WireJson.object();
        content.set(attachment.field(), attachment.json());
        if (caption != null) {
            content.put("caption", caption);
            ArrayNode entities = entities(caption);
            if (!entities.isEmpty()) {
                content.set("caption_entities", entities);
            }
        }
        return post(chatId, from, attachment.field(), null, attachment.file(), content, caption == null ? ""
                : caption);
    }

    /** Edits a message the user sent earlier: an edited_message update. */
    FakeTelegramServer.Posted edits(long chatId, TelegramUser from, int messageId, String text) {
        TelegramChats.Stored message = chats.message(chatId, messageId)
                .filter(stored -> from.equals(stored.author))
                .orElseThrow(() -> new IllegalArgumentException("A user edits only their own messages"));
        ObjectNode changes = WireJson.object().put("text", text);
        ArrayNode entities = entities(text);
        if (!entities.isEmpty()) {
            changes.set("entities", entities);
        }
        ObjectNode edited = chats.edit(message, changes, List.of("entities"), null);
        int updateId = visible(message.chat, text, message.replyTo) ? updates.add("edited_message", edited) : 0;
        return new FakeTelegramServer.Posted(chatId, messageId, updateId, null);
    }

    /** Presses an inline keyboard button of one of the bot's messages: a callback_query update. */
    FakeTelegramServer.Posted pressesButton(long chatId, TelegramUser from, int messageId, String data) {
        TelegramChats.Stored message = chats.message(chatId, messageId)
                .filter(TelegramChats.Stored::fromBot)
                .orElseThrow(() -> new IllegalArgumentException("No message " + messageId + " of the bot's there"));
        boolean hasButton = false;
        ObjectNode wire = chats.wire(message);
        for (JsonNode row : wire.path("reply_markup").path("inline_keyboard")) {
            for (JsonNode button : row) {
                hasButton |= data.equals(button.path("callback_data").asString(null));
            }
        }
        if (!hasButton) {
            throw new IllegalArgumentException("Message " + messageId + " has no button with callback_data " + data);
        }
        String id = chats.openCallback(chatId, messageId);
        ObjectNode query = WireJson.object().put("id", id);
        query.set("from", from.json());
        query.set("message", wire);
        query.put("chat_instance", Long.toString(-4_000_000_000_000_000_000L - chatId * 7919));
        query.put("data", data);
        return new FakeTelegramServer.Posted(chatId, messageId, updates.add("callback_query", query), id);
    }

    private FakeTelegramServer.Posted post(long chatId, TelegramUser from, String kind, Integer replyTo,
            TelegramFile file, ObjectNode content, String text) {
        TelegramChats.Chat chat = chatId == from.id() ? chats.privateChat(from) : chats.group(chatId,
                "Group " + chatId);
        if (replyTo != null && chats.message(chatId, replyTo).isEmpty()) {
            throw new IllegalArgumentException("No message " + replyTo + " to reply to in chat " + chatId);
        }
        TelegramChats.Stored message = chats.add(chat, from, kind, replyTo, file, content, null);
        int updateId = visible(chat, text, replyTo) ? updates.add("message", chats.wire(message)) : 0;
        return new FakeTelegramServer.Posted(chatId, message.messageId, updateId, null);
    }

    /** Whether the bot receives a message: always in private chats; in groups as privacy mode allows. */
    private boolean visible(TelegramChats.Chat chat, String text, Integer replyTo) {
        if (chat.type().equals("private") || !chats.privacyMode()) {
            return true;
        }
        Matcher command = COMMAND.matcher(text);
        if (command.lookingAt()) {
            return command.group(1) == null || command.group(1).substring(1).equalsIgnoreCase(botUsername);
        }
        boolean mentioned = text.toLowerCase(Locale.ROOT).matches("(?s).*@" + botUsername.toLowerCase(Locale.ROOT)
                + "\\b.*");
        boolean repliesToBot = replyTo != null && chats.message(chat.id(), replyTo)
                .map(TelegramChats.Stored::fromBot).orElse(false);
        return mentioned || repliesToBot;
    }

    /** The entities Telegram marks in a user's text by itself: bot commands and @mentions. */
    private static ArrayNode entities(String text) {
        List<ObjectNode> entities = new ArrayList<>();
        COMMAND.matcher(text).results().forEach(match -> entities.add(entity(match.start(), match.end(),
                "bot_command")));
        MENTION.matcher(text).results().forEach(match -> entities.add(entity(match.start(), match.end(),
                "mention")));
        return TelegramJson.byOffset(entities);
    }

    private static ObjectNode entity(int start, int end, String type) {
        return WireJson.object().put("offset", start).put("length", end - start).put("type", type);
    }
}
