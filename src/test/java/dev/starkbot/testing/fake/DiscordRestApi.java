package dev.starkbot.testing.fake;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The REST routes of {@link FakeDiscordServer} and what they change in its {@link DiscordWorld}. Each handler
 * returns the status and JSON body Discord would; refusals are thrown as {@link Refusal}.
 */
final class DiscordRestApi {

    /** A refused call: the HTTP status and Discord's error body. */
    static final class Refusal extends RuntimeException {

        private static final long serialVersionUID = 1L;

        final int status;
        final String body;

        Refusal(int status, String body) {
            super(body, null, false, false);
            this.status = status;
            this.body = body;
        }

        static Refusal unknown(int code, String what) {
            return new Refusal(404, DiscordJson.error(code, "Unknown " + what));
        }
    }

    record Reply(int status, String body) {

        static Reply json(JsonNode node) {
            return new Reply(200, WireJson.write(node));
        }
    }

    private static final int MAX_CONTENT = 2000;

    private final DiscordWorld world;
    private final String gatewayUrl;
    private volatile long uploadLimit = 10L * 1024 * 1024;

    DiscordRestApi(DiscordWorld world, String gatewayUrl) {
        this.world = world;
        this.gatewayUrl = gatewayUrl;
    }

    Reply call(DiscordRoute route, List<String> parameters, RecordedRequest request) {
        if (route.equals(DiscordRoute.LIST_MESSAGES)) {
            return listMessages(id(parameters.get(0)), query(request));
        }
        return switch (route.template()) {
            case "/gateway/bot" -> gatewayBot();
            case "/users/@me" -> Reply.json(DiscordJson.user(world.bot()));
            case "/applications/@me" -> Reply.json(world.application());
            case "/users/@me/channels" -> Reply.json(world.openDm(id(request.json().path("recipient_id"))));
            case "/channels/{channel_id}/messages" -> createMessage(id(parameters.get(0)), request);
            case "/channels/{channel_id}/messages/{message_id}" ->
                    editMessage(id(parameters.get(0)), id(parameters.get(1)), body(request).json());
            case "/channels/{channel_id}/typing" -> {
                world.channel(id(parameters.get(0)));
                world.typed(id(parameters.get(0)));
                yield new Reply(204, "");
            }
            case "/channels/{channel_id}/messages/{message_id}/reactions/{emoji_name}/@me" -> {
                world.react(id(parameters.get(0)), id(parameters.get(1)), parameters.get(2));
                yield new Reply(204, "");
            }
            case "/applications/{application_id}/commands" -> Reply.json(world.setCommands(null, request.json()));
            case "/applications/{application_id}/guilds/{guild_id}/commands" ->
                    Reply.json(world.setCommands(id(parameters.get(1)), request.json()));
            case "/interactions/{interaction_id}/{interaction_token}/callback" ->
                    callback(id(parameters.get(0)), parameters.get(1), body(request));
            case "/webhooks/{application_id}/{interaction_token}/messages/{message_id}" ->
                    request.method().equals("DELETE") ? deleteOriginal(parameters.get(1), parameters.get(2))
                            : editOriginal(parameters.get(1), parameters.get(2), body(request).json());
            case "/webhooks/{application_id}/{interaction_token}" -> followUp(parameters.get(1), body(request));
            default -> throw new IllegalStateException("No handler for " + route.key());
        };
    }

    private Reply gatewayBot() {
        ObjectNode json = WireJson.object().put("url", gatewayUrl).put("shards", 1);
        json.putObject("session_start_limit").put("total", 1000).put("remaining", 999).put("reset_after", 14_400_000)
                .put("max_concurrency", 1);
        return Reply.json(json);
    }

    private Reply createMessage(long channelId, RecordedRequest request) {
        world.channel(channelId);
        Body body = body(request);
        JsonNode json = body.json();
        String content = json.path("content").asString("");
        checkLength(content);
        checkUploads(body.files());
        if (content.isEmpty() && json.path("embeds").isEmpty() && json.path("components").isEmpty()
                && body.files().isEmpty() && json.path("sticker_ids").isEmpty()) {
            throw new Refusal(400, DiscordJson.error(50006, "Cannot send an empty message"));
        }
        Long replyTo = null;
        if (json.path("message_reference").has("message_id")) {
            replyTo = id(json.path("message_reference").path("message_id"));
            if (world.message(channelId, replyTo).isEmpty()) {
                throw new Refusal(400, DiscordJson.invalidFormBody("message_reference", "MESSAGE_REFERENCE_UNKNOWN_MESSAGE",
                        "Unknown message"));
            }
        }
        return Reply.json(world.botPosts(channelId, content, json, replyTo, body.files()));
    }

    private Reply editMessage(long channelId, long messageId, JsonNode json) {
        world.channel(channelId);
        if (json.has("content")) {
            checkLength(json.path("content").asString(""));
        }
        return Reply.json(world.botEdits(channelId, messageId, json));
    }

    private Reply callback(long interactionId, String token, Body body) {
        DiscordWorld.Interaction interaction = world.interaction(interactionId)
                .filter(found -> found.token().equals(token))
                .orElseThrow(() -> Refusal.unknown(10062, "interaction"));
        JsonNode json = body.json();
        int type = json.path("type").asInt();
        JsonNode data = json.path("data");
        if (data.has("content")) {
            checkLength(data.path("content").asString(""));
        }
        if (!world.acknowledge(interaction, type, data, body.files())) {
            throw new Refusal(400, DiscordJson.error(40060, "Interaction has already been acknowledged."));
        }
        return new Reply(204, "");
    }

    private Reply editOriginal(String token, String messageId, JsonNode json) {
        DiscordWorld.Interaction interaction = world.interactionByToken(token)
                .orElseThrow(() -> Refusal.unknown(10015, "Webhook"));
        if (json.has("content")) {
            checkLength(json.path("content").asString(""));
        }
        return Reply.json(world.editOriginal(interaction, messageId, json));
    }

    private Reply deleteOriginal(String token, String messageId) {
        DiscordWorld.Interaction interaction = world.interactionByToken(token)
                .orElseThrow(() -> Refusal.unknown(10015, "Webhook"));
        world.deleteOriginal(interaction, messageId);
        return new Reply(204, "");
    }

    private Reply followUp(String token, Body body) {
        DiscordWorld.Interaction interaction = world.interactionByToken(token)
                .orElseThrow(() -> Refusal.unknown(10015, "Webhook"));
        checkLength(body.json().path("content").asString(""));
        checkUploads(body.files());
        return Reply.json(world.botPosts(interaction.channelId(), body.json().path("content").asString(""),
                body.json(), null, body.files()));
    }

    /** Discord's upload limit per file: 10 MiB for a bot outside boosted guilds. */
    void uploadLimit(long bytes) {
        this.uploadLimit = bytes;
    }

    private void checkUploads(List<DiscordMessage.File> files) {
        if (files.stream().anyMatch(file -> file.bytes().length > uploadLimit)) {
            throw new Refusal(413, DiscordJson.error(40005, "Request entity too large"));
        }
    }

    /**
     * {@code GET /channels/{id}/messages}: users' and the bot's messages, newest first, as Discord lists them
     * whichever of {@code before}, {@code after} or {@code around} is given; {@code after} takes the oldest
     * {@code limit} after the id, {@code before} the newest before it. Ephemeral messages are never listed.
     */
    private Reply listMessages(long channelId, Map<String, String> query) {
        world.channel(channelId);
        int limit = limit(query.getOrDefault("limit", "50"));
        List<ObjectNode> messages = world.messages(channelId); // oldest first
        int from;
        int to;
        if (query.containsKey("after")) {
            long after = id(query.get("after"));
            from = (int) messages.stream().filter(message -> id(message.path("id")) <= after).count();
            to = Math.min(messages.size(), from + limit);
        } else if (query.containsKey("around")) {
            long around = id(query.get("around"));
            int pivot = (int) messages.stream().filter(message -> id(message.path("id")) < around).count();
            from = Math.max(0, pivot - limit / 2);
            to = Math.min(messages.size(), from + limit);
        } else {
            long before = query.containsKey("before") ? id(query.get("before")) : Long.MAX_VALUE;
            to = (int) messages.stream().filter(message -> id(message.path("id")) < before).count();
            from = Math.max(0, to - limit);
        }
        ArrayNode page = array();
        messages.subList(from, to).reversed().forEach(page::add);
        return Reply.json(page);
    }

    private static int limit(String text) {
        int limit;
        try {
            limit = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new Refusal(400, DiscordJson.invalidFormBody("limit", "NUMBER_TYPE_COERCE",
                    "Value \"" + text + "\" is not int."));
        }
        if (limit < 1 || limit > 100) {
            String message = limit < 1 ? "int value should be greater than or equal to 1."
                    : "int value should be less than or equal to 100.";
            throw new Refusal(400, DiscordJson.invalidFormBody("limit", limit < 1 ? "NUMBER_TYPE_MIN"
                    : "NUMBER_TYPE_MAX", message));
        }
        return limit;
    }

    /** The query string's parameters, URL-decoded; the last of a repeated one wins. */
    static Map<String, String> query(RecordedRequest request) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : request.query().split("&")) {
            if (!pair.isEmpty()) {
                int equals = pair.indexOf('=');
                parameters.put(decode(equals < 0 ? pair : pair.substring(0, equals)),
                        equals < 0 ? "" : decode(pair.substring(equals + 1)));
            }
        }
        return parameters;
    }

    private static String decode(String text) {
        return java.net.URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static void checkLength(String content) {
        if (content.codePointCount(0, content.length()) > MAX_CONTENT) {
            throw new Refusal(400, DiscordJson.invalidFormBody("content", "BASE_TYPE_MAX_LENGTH",
                    "Must be 2000 or fewer in length."));
        }
    }

    private static long id(JsonNode node) {
        return id(node.asString(""));
    }

    private static long id(String text) {
        try {
            return Long.parseUnsignedLong(text);
        } catch (NumberFormatException e) {
            throw new Refusal(400, DiscordJson.invalidFormBody("id", "NUMBER_TYPE_COERCE",
                    "Value \"" + text + "\" is not snowflake."));
        }
    }

    /** A JSON body, or a multipart one whose {@code payload_json} part is the JSON and whose files follow. */
    record Body(JsonNode json, List<DiscordMessage.File> files) {
    }

    static Body body(RecordedRequest request) {
        String type = request.header("content-type").orElse("");
        if (!type.startsWith("multipart/form-data")) {
            return new Body(request.json(), List.of());
        }
        String boundary = type.substring(type.indexOf("boundary=") + "boundary=".length()).replace("\"", "");
        JsonNode json = WireJson.object();
        List<DiscordMessage.File> files = new ArrayList<>();
        for (Part part : parts(request.bytes(), boundary)) {
            if ("payload_json".equals(part.name())) {
                json = WireJson.read(new String(part.bytes(), StandardCharsets.UTF_8));
            } else if (part.filename() != null) {
                files.add(new DiscordMessage.File(part.filename(), part.contentType(), part.bytes()));
            }
        }
        return new Body(json, files);
    }

    private record Part(String name, String filename, String contentType, byte[] bytes) {
    }

    private static List<Part> parts(byte[] body, String boundary) {
        // ISO-8859-1 maps bytes to chars one to one, so offsets in the string are offsets in the bytes.
        String text = new String(body, StandardCharsets.ISO_8859_1);
        String delimiter = "--" + boundary;
        List<Part> parts = new ArrayList<>();
        int start = text.indexOf(delimiter);
        while (start >= 0) {
            int headersStart = start + delimiter.length();
            if (text.startsWith("--", headersStart)) {
                break;
            }
            int headersEnd = text.indexOf("\r\n\r\n", headersStart);
            int next = text.indexOf("\r\n" + delimiter, headersEnd);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line : text.substring(headersStart, headersEnd).split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.put(line.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT),
                            line.substring(colon + 1).trim());
                }
            }
            String disposition = headers.getOrDefault("content-disposition", "");
            byte[] bytes = java.util.Arrays.copyOfRange(body, headersEnd + 4, next);
            parts.add(new Part(attribute(disposition, "name").orElse(null),
                    attribute(disposition, "filename").orElse(null), headers.get("content-type"), bytes));
            start = next + 2;
        }
        return parts;
    }

    private static Optional<String> attribute(String disposition, String name) {
        var matcher = java.util.regex.Pattern.compile("(?:^|;)\\s*" + name + "=\"([^\"]*)\"").matcher(disposition);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    static ArrayNode array() {
        return WireJson.JSON.createArrayNode();
    }
}
