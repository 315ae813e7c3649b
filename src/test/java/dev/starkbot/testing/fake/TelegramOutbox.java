package dev.starkbot.testing.fake;

import static dev.starkbot.testing.fake.TelegramRefusal.badRequest;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Bot API methods that send, edit and delete the bot's messages, with the real server's checks: text length
 * after entity parsing, markup that must parse, an edit that must change something, a reply target that must
 * exist, callback data of at most 64 bytes.
 */
final class TelegramOutbox {

    static final int MAX_TEXT = 4096;
    static final int MAX_CAPTION = 1024;
    private static final int MAX_CALLBACK_DATA_BYTES = 64;

    private final TelegramChats chats;

    TelegramOutbox(TelegramChats chats) {
        this.chats = chats;
    }

    JsonNode sendMessage(BotApiCall call) throws TelegramRefusal {
        TelegramChats.Chat chat = chat(call);
        SentMessage.Version version = version(call, "text", MAX_TEXT, "message is too long");
        Integer replyTo = replyTo(call, chat);
        ObjectNode wire = WireJson.object().put("text", version.plainText());
        putContent(wire, "entities", version);
        return chats.wire(chats.add(chat, null, "text", replyTo, null, wire, version));
    }

    /** sendPhoto, sendDocument, sendVoice: an upload in a multipart part, or the file_id of a file already held. */
    JsonNode sendMedia(BotApiCall call, String kind) throws TelegramRefusal {
        TelegramChats.Chat chat = chat(call);
        TelegramMedia.Attachment attachment = attachment(call, kind);
        SentMessage.Version version = version(call, "caption", MAX_CAPTION, "message caption is too long");
        Integer replyTo = replyTo(call, chat);
        ObjectNode wire = WireJson.object();
        wire.set(attachment.field(), attachment.json());
        if (!version.plainText().isEmpty()) {
            wire.put("caption", version.plainText());
        }
        putContent(wire, "caption_entities", version);
        return chats.wire(chats.add(chat, null, kind, replyTo, attachment.file(), wire, version));
    }

    JsonNode editMessageText(BotApiCall call) throws TelegramRefusal {
        TelegramChats.Stored message = editable(call);
        if (!message.kind.equals("text")) {
            throw badRequest("there is no text in the message to edit");
        }
        SentMessage.Version version = version(call, "text", MAX_TEXT, "message is too long");
        ObjectNode changes = WireJson.object().put("text", version.plainText());
        putContent(changes, "entities", version);
        return edited(chats.edit(message, changes, List.of("entities", "reply_markup"), version));
    }

    JsonNode editMessageReplyMarkup(BotApiCall call) throws TelegramRefusal {
        TelegramChats.Stored message = editable(call);
        SentMessage.Version current = chats.current(message);
        JsonNode markup = replyMarkup(call);
        var version = new SentMessage.Version(current.text(), current.parseMode(), current.plainText(),
                current.entities(), markup);
        ObjectNode changes = WireJson.object();
        if (!markup.isMissingNode()) {
            changes.set("reply_markup", markup);
        }
        return edited(chats.edit(message, changes, List.of("reply_markup"), version));
    }

    JsonNode deleteMessage(BotApiCall call) throws TelegramRefusal {
        TelegramChats.Chat chat = chat(call);
        if (!chats.delete(chat.id(), messageId(call))) {
            throw badRequest("message to delete not found");
        }
        return WireJson.JSON.getNodeFactory().booleanNode(true);
    }

    /** The chat named by chat_id; only chats a user has opened with the bot exist for it. */
    TelegramChats.Chat chat(BotApiCall call) throws TelegramRefusal {
        String id = call.param("chat_id").orElseThrow(() -> badRequest("chat_id is empty"));
        try {
            return chats.chat(Long.parseLong(id)).orElseThrow(() -> badRequest("chat not found"));
        } catch (NumberFormatException channelUsername) {
            throw badRequest("chat not found");
        }
    }

    private TelegramChats.Stored editable(BotApiCall call) throws TelegramRefusal {
        if (call.param("inline_message_id").isPresent()) {
            throw badRequest("MESSAGE_ID_INVALID"); // the fake has no inline messages
        }
        TelegramChats.Chat chat = chat(call);
        TelegramChats.Stored message = chats.message(chat.id(), messageId(call))
                .orElseThrow(() -> badRequest("message to edit not found"));
        if (!message.fromBot()) {
            throw badRequest("message can't be edited");
        }
        return message;
    }

    private static int messageId(BotApiCall call) throws TelegramRefusal {
        try {
            return Integer.parseInt(call.param("message_id").orElseThrow(() -> badRequest("message_id is empty")));
        } catch (NumberFormatException e) {
            throw badRequest("message identifier is not specified");
        }
    }

    /** The text (or caption) with its markup parsed, and the reply markup: one version of a message. */
    private static SentMessage.Version version(BotApiCall call, String field, int limit, String tooLong)
            throws TelegramRefusal {
        String raw = call.params().getOrDefault(field, "");
        String parseMode = call.param("parse_mode").orElse(null);
        TelegramMarkup.Parsed parsed;
        try {
            parsed = TelegramMarkup.parse(raw, parseMode);
        } catch (TelegramMarkup.ParseException e) {
            throw badRequest("can't parse entities: " + e.getMessage());
        }
        if (field.equals("text") && parsed.text().isEmpty()) {
            throw badRequest("message text is empty");
        }
        if (parsed.text().length() > limit) {
            throw badRequest(tooLong);
        }
        JsonNode entities = parseMode == null && call.json(field.equals("text") ? "entities" : "caption_entities")
                .isArray() ? call.json(field.equals("text") ? "entities" : "caption_entities") : parsed.entities();
        return new SentMessage.Version(raw, parseMode, parsed.text(), entities, replyMarkup(call));
    }

    private static void putContent(ObjectNode wire, String entitiesField, SentMessage.Version version) {
        if (!version.entities().isEmpty()) {
            wire.set(entitiesField, version.entities());
        }
        // Only an inline keyboard belongs to the message; a reply keyboard goes to the user's app instead.
        if (version.replyMarkup().has("inline_keyboard")) {
            wire.set("reply_markup", version.replyMarkup());
        }
    }

    private static JsonNode replyMarkup(BotApiCall call) throws TelegramRefusal {
        if (call.param("reply_markup").isEmpty()) {
            return MissingNode.getInstance();
        }
        JsonNode markup = call.json("reply_markup");
        if (!markup.isObject()) {
            throw badRequest("can't parse reply keyboard markup JSON object");
        }
        for (JsonNode row : markup.path("inline_keyboard")) {
            for (JsonNode button : row) {
                if (!button.path("text").isString()) {
                    throw badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline "
                            + "keyboard");
                }
                String data = button.path("callback_data").asString("");
                if (data.getBytes(StandardCharsets.UTF_8).length > MAX_CALLBACK_DATA_BYTES) {
                    throw badRequest("BUTTON_DATA_INVALID");
                }
            }
        }
        return markup;
    }

    /** reply_parameters (Bot API 7.0) or the older reply_to_message_id, which the server still accepts. */
    private Integer replyTo(BotApiCall call, TelegramChats.Chat chat) throws TelegramRefusal {
        JsonNode parameters = call.json("reply_parameters");
        String legacy = call.param("reply_to_message_id").orElse(null);
        if (parameters.isMissingNode() && legacy == null) {
            return null;
        }
        int target = parameters.isObject() ? parameters.path("message_id").asInt() : Integer.parseInt(legacy);
        boolean allowWithout = parameters.path("allow_sending_without_reply").asBoolean(false)
                || call.param("allow_sending_without_reply").map(Boolean::parseBoolean).orElse(false);
        if (chats.message(chat.id(), target).isPresent()) {
            return target;
        }
        if (allowWithout) {
            return null;
        }
        throw badRequest("message to be replied not found");
    }

    private TelegramMedia.Attachment attachment(BotApiCall call, String kind) throws TelegramRefusal {
        BotApiCall.Upload upload = call.files().get(kind);
        if (upload == null) {
            String fileId = call.param(kind).orElseThrow(() -> badRequest("there is no " + kind + " in the request"));
            TelegramFile known = chats.file(fileId)
                    .orElseThrow(() -> badRequest("wrong file identifier/HTTP URL specified"));
            upload = new BotApiCall.Upload(Objects.requireNonNullElse(known.fileName(), "file"), known.mimeType(),
                    known.bytes());
        }
        TelegramMedia.Attachment attachment = switch (kind) {
            case "photo" -> TelegramMedia.photo(chats, upload.bytes());
            case "voice" -> TelegramMedia.voice(chats, upload.contentType(),
                    call.param("duration").map(Integer::parseInt).orElse(0), upload.bytes());
            default -> TelegramMedia.document(chats, upload.fileName(), upload.contentType(), upload.bytes());
        };
        if (attachment == null) {
            throw badRequest("IMAGE_PROCESS_FAILED");
        }
        return attachment;
    }

    private static JsonNode edited(ObjectNode message) throws TelegramRefusal {
        if (message != null) {
            return message;
        }
        throw badRequest("message is not modified: specified new message content and reply markup are exactly the "
                + "same as a current content and reply markup of the message");
    }
}
