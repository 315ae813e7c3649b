package dev.starkbot.testing.fake;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import tools.jackson.databind.node.ObjectNode;

/**
 * What Telegram's servers remember for one bot: chats, their messages (numbered per chat, users' and the bot's in
 * one sequence), files, callback queries not yet answered, and what the bot did that a test inspects. One monitor
 * guards it all, stored messages included: read them through {@link #wire} and {@link #current}. Every change wakes
 * the tests waiting in {@link #await}.
 */
final class TelegramChats {

    /** A chat the bot can write to: a private chat with a user, a group or a supergroup. */
    record Chat(long id, String type, String title, TelegramUser user) {

        ObjectNode json() {
            ObjectNode chat = WireJson.object().put("id", id);
            if (user != null) {
                chat.put("first_name", user.firstName());
                TelegramUser.putIfPresent(chat, "last_name", user.lastName());
                TelegramUser.putIfPresent(chat, "username", user.username());
            } else {
                chat.put("title", title);
            }
            return chat.put("type", type);
        }
    }

    /** A message in a chat; its wire form is kept up to date through edits. */
    static final class Stored {
        final Chat chat;
        final int messageId;
        final TelegramUser author;
        final String kind;
        final Integer replyTo;
        final TelegramFile file;
        final ObjectNode wire;
        final List<SentMessage.Version> history = new ArrayList<>();

        Stored(Chat chat, int messageId, TelegramUser author, String kind, Integer replyTo, TelegramFile file,
                ObjectNode wire) {
            this.chat = chat;
            this.messageId = messageId;
            this.author = author;
            this.kind = kind;
            this.replyTo = replyTo;
            this.file = file;
            this.wire = wire;
        }

        boolean fromBot() {
            return author == null;
        }

        SentMessage snapshot() {
            return new SentMessage(chat.id(), messageId, kind, replyTo, file, history);
        }
    }

    private record Callback(long chatId, int messageId) {
    }

    private final Map<Long, Chat> chats = new HashMap<>();
    private final Map<Long, Map<Integer, Stored>> messages = new HashMap<>();
    private final Map<Long, Integer> lastMessageId = new HashMap<>();
    private final Map<String, TelegramFile> filesById = new HashMap<>();
    private final Map<String, TelegramFile> filesByPath = new HashMap<>();
    private final Map<String, Callback> openCallbacks = new HashMap<>();
    private final List<Object> botActivity = new ArrayList<>();
    private final ObjectNode botUser;
    private boolean privacyMode = true;
    private int fileCount;
    private long callbackCount;

    TelegramChats(ObjectNode botUser) {
        this.botUser = botUser;
    }

    /** Whether the bot sees only commands, mentions and replies in groups: on by default, as BotFather sets it. */
    synchronized boolean privacyMode() {
        return privacyMode;
    }

    synchronized void privacyMode(boolean on) {
        privacyMode = on;
    }

    synchronized Chat privateChat(TelegramUser user) {
        return chats.computeIfAbsent(user.id(), id -> new Chat(id, "private", null, user));
    }

    /** A group; ids from -1000000000000 down are supergroups, as on Telegram. */
    synchronized Chat group(long id, String title) {
        if (id >= 0) {
            throw new IllegalArgumentException("Group chat ids are negative");
        }
        return chats.computeIfAbsent(id, key -> new Chat(key, id <= -1_000_000_000_000L ? "supergroup" : "group",
                title, null));
    }

    synchronized Optional<Chat> chat(long id) {
        return Optional.ofNullable(chats.get(id));
    }

    /** Stores a message under the chat's next message id; {@code wire} is completed with id, chat and date. */
    synchronized Stored add(Chat chat, TelegramUser author, String kind, Integer replyTo, TelegramFile file,
            ObjectNode wire, SentMessage.Version version) {
        int messageId = lastMessageId.merge(chat.id(), 1, Integer::sum);
        ObjectNode full = WireJson.object().put("message_id", messageId);
        full.set("from", author == null ? botUser.deepCopy() : author.json());
        full.set("chat", chat.json());
        full.put("date", TelegramJson.now());
        if (replyTo != null) {
            Stored replied = messages.get(chat.id()).get(replyTo);
            ObjectNode quoted = replied.wire.deepCopy();
            quoted.remove("reply_to_message"); // Telegram nests one level only
            full.set("reply_to_message", quoted);
        }
        full.setAll(wire);
        var stored = new Stored(chat, messageId, author, kind, replyTo, file, full);
        if (version != null) {
            stored.history.add(version);
        }
        messages.computeIfAbsent(chat.id(), id -> new LinkedHashMap<>()).put(messageId, stored);
        notifyAll();
        return stored;
    }

    synchronized Optional<Stored> message(long chatId, int messageId) {
        return Optional.ofNullable(messages.getOrDefault(chatId, Map.of()).get(messageId));
    }

    /** A copy of the message as the Bot API shows it now. */
    synchronized ObjectNode wire(Stored message) {
        return message.wire.deepCopy();
    }

    synchronized SentMessage.Version current(Stored message) {
        return message.history.getLast();
    }

    /**
     * Applies an edit to a message's wire form and records the bot's new version, if any.
     *
     * @return the edited wire form, or null when the bot's version changes neither text, entities nor reply markup
     *         (the Bot API's "message is not modified")
     */
    synchronized ObjectNode edit(Stored message, ObjectNode changes, List<String> removed,
            SentMessage.Version version) {
        if (version != null && !message.history.isEmpty() && sameContent(message.history.getLast(), version)) {
            return null;
        }
        removed.forEach(message.wire::remove);
        message.wire.setAll(changes);
        message.wire.put("edit_date", TelegramJson.now());
        if (version != null) {
            message.history.add(version);
        }
        notifyAll();
        return message.wire.deepCopy();
    }

    private static boolean sameContent(SentMessage.Version current, SentMessage.Version next) {
        return current.plainText().equals(next.plainText()) && current.entities().equals(next.entities())
                && current.replyMarkup().equals(next.replyMarkup());
    }

    synchronized boolean delete(long chatId, int messageId) {
        boolean deleted = messages.getOrDefault(chatId, new HashMap<>()).remove(messageId) != null;
        notifyAll();
        return deleted;
    }

    synchronized List<SentMessage> sent(long chatId) {
        return messages.getOrDefault(chatId, Map.of()).values().stream().filter(Stored::fromBot)
                .map(Stored::snapshot).toList();
    }

    /**
     * Stores file bytes under a new id and path, as Telegram files uploads and users' attachments.
     *
     * @param folder {@code photos}, {@code documents}, {@code voice}, …
     */
    synchronized TelegramFile storeFile(String folder, String extension, String fileName, String mimeType,
            byte[] bytes) {
        int number = fileCount++;
        String prefix = switch (folder) {
            case "photos" -> "AgACAgIAAxkBAA";
            case "voice" -> "AwACAgIAAxkBAA";
            default -> "BQACAgIAAxkBAA";
        };
        var file = new TelegramFile(prefix + WireJson.id("", 50), "AQAD" + WireJson.id("", 12),
                folder + "/file_" + number + "." + extension.toLowerCase(Locale.ROOT), fileName, mimeType, bytes);
        filesById.put(file.fileId(), file);
        filesByPath.put(file.filePath(), file);
        return file;
    }

    synchronized Optional<TelegramFile> file(String fileId) {
        return Optional.ofNullable(filesById.get(fileId));
    }

    synchronized Optional<TelegramFile> fileAt(String path) {
        return Optional.ofNullable(filesByPath.get(path));
    }

    /** Opens a callback query for a button press; its id is a decimal string, as Telegram's are. */
    synchronized String openCallback(long chatId, int messageId) {
        String id = Long.toUnsignedString(0x7A3F_0000_0000_0000L + ++callbackCount * 7919);
        openCallbacks.put(id, new Callback(chatId, messageId));
        return id;
    }

    /** Closes a callback query; false when it is unknown or was answered already. */
    synchronized boolean answerCallback(String id) {
        return openCallbacks.remove(id) != null;
    }

    /** Records something the bot did besides messages (a chat action, a callback answer) for inspection. */
    synchronized void record(Object activity) {
        botActivity.add(activity);
        notifyAll();
    }

    synchronized <T> List<T> recorded(Class<T> type) {
        return botActivity.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Waits until {@code probe} returns a value, re-evaluating it after every change; fails after the timeout. */
    synchronized <T> T await(Supplier<Optional<T>> probe, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Optional<T> found = probe.get(); ; found = probe.get()) {
            if (found.isPresent()) {
                return found.get();
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("Timed out after " + timeout + " waiting for " + what);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }
}
