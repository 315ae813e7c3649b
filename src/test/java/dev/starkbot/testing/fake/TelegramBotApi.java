package dev.starkbot.testing.fake;

import static dev.starkbot.testing.fake.TelegramRefusal.badRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.BooleanNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Bot API methods the fake implements, by name; sending and editing are {@link TelegramOutbox}'s. Method names
 * match case-insensitively, as on the real server. An unknown method is a 404 "Not Found: method not found".
 */
final class TelegramBotApi {

    /** The actions sendChatAction accepts. */
    private static final Set<String> CHAT_ACTIONS = Set.of("typing", "upload_photo", "record_video", "upload_video",
            "record_voice", "upload_voice", "upload_document", "choose_sticker", "find_location", "record_video_note",
            "upload_video_note");
    private static final long MAX_DOWNLOAD_BYTES = 20L * 1024 * 1024;
    private static final int MAX_POLL_TIMEOUT_SECONDS = 50;

    private final ObjectNode bot;
    private final TelegramChats chats;
    private final TelegramUpdates updates;
    private final TelegramOutbox outbox;
    private final Map<String, ArrayNode> commands = new ConcurrentHashMap<>();

    TelegramBotApi(ObjectNode bot, TelegramChats chats, TelegramUpdates updates) {
        this.bot = bot;
        this.chats = chats;
        this.updates = updates;
        this.outbox = new TelegramOutbox(chats);
    }

    /**
     * Serves one call.
     *
     * @param abandon for getUpdates: turns true when the long poll must give up (an outage)
     * @return the result, or null when a long poll gave up and the connection should just drop
     */
    JsonNode call(BotApiCall call, BooleanSupplier abandon) throws TelegramRefusal, InterruptedException {
        return switch (call.methodKey()) {
            case "getme" -> TelegramJson.me(bot, chats.privacyMode());
            case "getupdates" -> getUpdates(call, abandon);
            case "setwebhook" -> setWebhook(call);
            case "deletewebhook" -> {
                updates.setWebhook("", null, call.param("drop_pending_updates").map(Boolean::parseBoolean)
                        .orElse(false));
                yield BooleanNode.TRUE;
            }
            case "getwebhookinfo" -> updates.webhookInfo();
            case "sendmessage" -> outbox.sendMessage(call);
            case "sendphoto" -> outbox.sendMedia(call, "photo");
            case "senddocument" -> outbox.sendMedia(call, "document");
            case "sendvoice" -> outbox.sendMedia(call, "voice");
            case "editmessagetext" -> outbox.editMessageText(call);
            case "editmessagereplymarkup" -> outbox.editMessageReplyMarkup(call);
            case "deletemessage" -> outbox.deleteMessage(call);
            case "sendchataction" -> sendChatAction(call);
            case "answercallbackquery" -> answerCallbackQuery(call);
            case "setmycommands" -> setMyCommands(call);
            case "getmycommands" -> commands.getOrDefault(scopeKey(call), WireJson.JSON.createArrayNode()).deepCopy();
            case "deletemycommands" -> {
                commands.remove(scopeKey(call));
                yield BooleanNode.TRUE;
            }
            case "getfile" -> getFile(call);
            default -> throw new TelegramRefusal(404, "Not Found: method not found");
        };
    }

    /** The commands setMyCommands stored for a scope type ({@code default}, …) and language ({@code ""}). */
    ArrayNode commands(String scopeType, String languageCode) {
        return commands.getOrDefault(scopeType + "/" + languageCode, WireJson.JSON.createArrayNode()).deepCopy();
    }

    private JsonNode getUpdates(BotApiCall call, BooleanSupplier abandon)
            throws TelegramRefusal, InterruptedException {
        long offset = call.param("offset").map(Long::parseLong).orElse(0L);
        int limit = Math.clamp(call.param("limit").map(Integer::parseInt).orElse(100), 1, 100);
        int timeout = Math.clamp(call.param("timeout").map(Integer::parseInt).orElse(0), 0, MAX_POLL_TIMEOUT_SECONDS);
        Set<String> allowed = null;
        if (call.param("allowed_updates").isPresent()) {
            allowed = new HashSet<>();
            for (JsonNode type : call.json("allowed_updates")) {
                allowed.add(type.asString());
            }
        }
        try {
            List<ObjectNode> result = updates.poll(offset, limit, Duration.ofSeconds(timeout), allowed, abandon);
            if (result == null) {
                return null;
            }
            ArrayNode array = WireJson.JSON.createArrayNode();
            result.forEach(array::add);
            return array;
        } catch (TelegramUpdates.Conflict conflict) {
            throw new TelegramRefusal(409, conflict.getMessage());
        }
    }

    private JsonNode setWebhook(BotApiCall call) throws TelegramRefusal {
        String url = call.params().getOrDefault("url", "");
        String secret = call.param("secret_token").orElse(null);
        if (secret != null && !secret.matches("[A-Za-z0-9_-]{1,256}")) {
            throw badRequest("secret token contains unallowed characters");
        }
        if (!url.isEmpty() && !url.startsWith("https://")) {
            throw badRequest("bad webhook: An HTTPS URL must be provided for webhook");
        }
        updates.setWebhook(url, secret, call.param("drop_pending_updates").map(Boolean::parseBoolean).orElse(false));
        return BooleanNode.TRUE;
    }

    private JsonNode sendChatAction(BotApiCall call) throws TelegramRefusal {
        TelegramChats.Chat chat = outbox.chat(call);
        String action = call.param("action").orElse("");
        if (!CHAT_ACTIONS.contains(action)) {
            throw badRequest("wrong parameter action in request");
        }
        chats.record(new FakeTelegramServer.ChatAction(chat.id(), action, Instant.now()));
        return BooleanNode.TRUE;
    }

    private JsonNode answerCallbackQuery(BotApiCall call) throws TelegramRefusal {
        String id = call.param("callback_query_id").orElse("");
        if (!chats.answerCallback(id)) {
            throw badRequest("query is too old and response timeout expired or query ID is invalid");
        }
        chats.record(new FakeTelegramServer.AnsweredCallback(id, call.param("text").orElse(null),
                call.param("show_alert").map(Boolean::parseBoolean).orElse(false), call.param("url").orElse(null)));
        return BooleanNode.TRUE;
    }

    private JsonNode setMyCommands(BotApiCall call) throws TelegramRefusal {
        JsonNode list = call.json("commands");
        if (!list.isArray()) {
            throw badRequest("can't parse commands JSON object");
        }
        if (list.size() > 100) {
            throw badRequest("too many commands specified");
        }
        ArrayNode stored = WireJson.JSON.createArrayNode();
        for (JsonNode command : list) {
            String name = command.path("command").asString("");
            String description = command.path("description").asString("");
            if (!name.matches("[a-z0-9_]{1,32}")) {
                throw badRequest("BOT_COMMAND_INVALID");
            }
            if (description.isBlank() || description.length() > 256) {
                throw badRequest("command description must be non-empty");
            }
            stored.add(WireJson.object().put("command", name).put("description", description));
        }
        commands.put(scopeKey(call), stored);
        return BooleanNode.TRUE;
    }

    private static String scopeKey(BotApiCall call) {
        return call.json("scope").path("type").asString("default") + "/" + call.param("language_code").orElse("");
    }

    private JsonNode getFile(BotApiCall call) throws TelegramRefusal {
        TelegramFile file = chats.file(call.param("file_id").orElse(""))
                .orElseThrow(() -> badRequest("invalid file_id"));
        if (file.bytes().length > MAX_DOWNLOAD_BYTES) {
            throw badRequest("file is too big");
        }
        return TelegramMedia.file(file);
    }
}
