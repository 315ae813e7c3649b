package dev.starkbot.testing.fake;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Telegram's Bot API on loopback, for the real java-telegram-bot-api client: {@code POST /bot<token>/<method>} with
 * form-encoded, multipart or JSON parameters, and file downloads at {@code GET /file/bot<token>/<file_path>}.
 *
 * <p>It keeps state as Telegram does: chats, messages numbered per chat, files, and an update queue whose
 * getUpdates honours offset (confirming earlier updates), limit, timeout (a long poll) and allowed_updates. A test
 * plays the users ({@link #userSends}, {@link #userPressesButton}, …) and inspects what the bot did
 * ({@link #sentMessages}, {@link #chatActions}, {@link #requests}, …). Calls are checked as the real server checks
 * them (see {@link TelegramOutbox}); a wrong token is a 401. {@link #failNext} scripts faults per method and
 * {@link #dropConnectionsFor} simulates an outage.
 */
public final class FakeTelegramServer implements AutoCloseable {

    /** A token of the real shape, {@code <bot id>:<35 characters>}. */
    public static final String DEFAULT_TOKEN = "7000000001:AAHfakeTokenForStarkBotTests-012345";
    public static final String BOT_USERNAME = "starkbot_test_bot";
    /** The method name under which file downloads appear in {@link #requests} and are scripted in {@link #failNext}. */
    public static final String FILE_DOWNLOAD = "file";

    /**
     * What a user's action produced.
     *
     * @param updateId        the update the bot will receive, or 0 when it receives none (privacy mode in a group,
     *                        or allowed_updates excluding it)
     * @param callbackQueryId for a button press, the id the bot answers; null otherwise
     */
    public record Posted(long chatId, int messageId, int updateId, String callbackQueryId) {

        public boolean delivered() {
            return updateId != 0;
        }
    }

    public record ChatAction(long chatId, String action, Instant at) {
    }

    public record AnsweredCallback(String callbackQueryId, String text, boolean showAlert, String url) {
    }

    private static final Map<String, String> JSON_HEADERS = Map.of("Content-Type", "application/json",
            "Server", "nginx/1.18.0", "Access-Control-Allow-Origin", "*",
            "Access-Control-Expose-Headers", "Content-Length,Content-Type,Date,Server,Connection");

    private final String token;
    private final TelegramChats chats;
    private final TelegramUpdates updates;
    private final TelegramBotApi api;
    private final TelegramUsers users;
    private final Map<String, Queue<TelegramFault>> faults = new ConcurrentHashMap<>();
    private final List<BotApiCall> calls = new ArrayList<>();
    private volatile long outageEndsAt;
    private final LoopbackHttpServer http;

    private FakeTelegramServer(String token) {
        if (!token.matches("\\d+:[A-Za-z0-9_-]{30,}")) {
            throw new IllegalArgumentException("Not a bot token: " + token);
        }
        this.token = token;
        ObjectNode bot = TelegramJson.bot(Long.parseLong(token.substring(0, token.indexOf(':'))), "StarkBot",
                BOT_USERNAME);
        this.chats = new TelegramChats(bot);
        // Real update ids start at an arbitrary large number; starting there catches int/long confusion early.
        this.updates = new TelegramUpdates(700_000_001);
        this.api = new TelegramBotApi(bot, chats, updates);
        this.users = new TelegramUsers(chats, updates, BOT_USERNAME);
        this.http = LoopbackHttpServer.start("fake-telegram", this::handle);
    }

    public static FakeTelegramServer start() {
        return start(DEFAULT_TOKEN);
    }

    public static FakeTelegramServer start(String token) {
        return new FakeTelegramServer(token);
    }

    /** What {@code TelegramBot.Builder.apiUrl(…)} takes: the library appends {@code <token>/<method>}. */
    public String apiUrl() {
        return http.baseUrl() + "/bot";
    }

    /** What {@code TelegramBot.Builder.fileApiUrl(…)} takes; without it the library downloads from Telegram. */
    public String fileApiUrl() {
        return http.baseUrl() + "/file/bot";
    }

    public String token() {
        return token;
    }

    // Acting as users --------------------------------------------------------------------------------------------

    /** Declares a group (negative id; -100… for a supergroup) before users write in it. */
    public void group(long chatId, String title) {
        chats.group(chatId, title);
    }

    /** Privacy mode (on by default, as BotFather sets it): in groups the bot sees commands, mentions, replies. */
    public void privacyMode(boolean on) {
        chats.privacyMode(on);
    }

    /** A user writes in a chat: their private chat with the bot when {@code chatId == from.id()}, else a group. */
    public Posted userSends(long chatId, TelegramUser from, String text) {
        return users.sends(chatId, from, text, null);
    }

    public Posted userReplies(long chatId, TelegramUser from, int replyToMessageId, String text) {
        return users.sends(chatId, from, text, replyToMessageId);
    }

    /** Sends an image (PNG, JPEG, …) as a photo; Telegram's apps refuse anything else. */
    public Posted userSendsPhoto(long chatId, TelegramUser from, byte[] image, String caption) {
        return users.sendsFile(chatId, from, caption, store -> TelegramMedia.photo(store, image));
    }

    public Posted userSendsDocument(long chatId, TelegramUser from, String fileName, String mimeType, byte[] bytes,
            String caption) {
        return users.sendsFile(chatId, from, caption, store -> TelegramMedia.document(store, fileName, mimeType,
                bytes));
    }

    /** A voice note, which Telegram's apps record as OGG/Opus. */
    public Posted userSendsVoice(long chatId, TelegramUser from, byte[] oggOpus, int durationSeconds) {
        return users.sendsFile(chatId, from, null, store -> TelegramMedia.voice(store, "audio/ogg", durationSeconds,
                oggOpus));
    }

    public Posted userEdits(long chatId, TelegramUser from, int messageId, String newText) {
        return users.edits(chatId, from, messageId, newText);
    }

    /** In a private chat, its user presses an inline keyboard button of one of the bot's messages. */
    public Posted userPressesButton(long privateChatId, int messageId, String callbackData) {
        TelegramUser user = chats.chat(privateChatId).map(TelegramChats.Chat::user)
                .orElseThrow(() -> new IllegalArgumentException("No private chat " + privateChatId));
        return users.pressesButton(privateChatId, user, messageId, callbackData);
    }

    /** Presses an inline keyboard button of one of the bot's messages; the button must exist, as in the app. */
    public Posted userPressesButton(long chatId, TelegramUser from, int messageId, String callbackData) {
        return users.pressesButton(chatId, from, messageId, callbackData);
    }

    // Inspecting the bot -----------------------------------------------------------------------------------------

    /** The bot's messages in a chat, oldest first, deleted ones excluded. */
    public List<SentMessage> sentMessages(long chatId) {
        return chats.sent(chatId);
    }

    /** Waits for a message of the bot's in the chat (edits count) that matches; fails after the timeout. */
    public SentMessage awaitSent(long chatId, Predicate<SentMessage> matching, Duration timeout)
            throws InterruptedException {
        return chats.await(() -> chats.sent(chatId).stream().filter(matching).findFirst(), timeout,
                "a matching message from the bot in chat " + chatId);
    }

    public List<ChatAction> chatActions(long chatId) {
        return chats.recorded(ChatAction.class).stream().filter(action -> action.chatId() == chatId).toList();
    }

    public List<AnsweredCallback> answeredCallbacks() {
        return chats.recorded(AnsweredCallback.class);
    }

    /** The bot's commands for the default scope and no language, as setMyCommands left them. */
    public ArrayNode commands() {
        return api.commands("default", "");
    }

    public ArrayNode commands(String scopeType, String languageCode) {
        return api.commands(scopeType, languageCode);
    }

    /** Updates queued and not yet confirmed by a getUpdates offset. */
    public List<ObjectNode> pendingUpdates() {
        return updates.pending();
    }

    public Optional<TelegramFile> file(String fileId) {
        return chats.file(fileId);
    }

    /** Every call received, faulted and refused ones included, in arrival order. */
    public List<BotApiCall> requests() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    /** The calls of one method (matched case-insensitively), in arrival order. */
    public List<BotApiCall> requests(String method) {
        String key = method.toLowerCase(Locale.ROOT);
        return requests().stream().filter(call -> call.methodKey().equals(key)).toList();
    }

    /** Waits until at least {@code count} calls of the method have arrived, and returns them all. */
    public List<BotApiCall> awaitRequests(String method, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (calls) {
            for (List<BotApiCall> found = requests(method); ; found = requests(method)) {
                if (found.size() >= count) {
                    return found;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("Got " + found.size() + " of " + count + " " + method + " calls within "
                            + timeout);
                }
                calls.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /** Waits until a getUpdates call is waiting for updates, so that what a test posts next arrives mid-poll. */
    public void awaitPoll(Duration timeout) throws InterruptedException {
        updates.awaitPoll(timeout);
    }

    // Faults -----------------------------------------------------------------------------------------------------

    /** Scripts how the next calls of a method fail, consumed one per call in order; then calls succeed again. */
    public void failNext(String method, TelegramFault... faults) {
        this.faults.computeIfAbsent(method.toLowerCase(Locale.ROOT), key -> new ConcurrentLinkedQueue<>())
                .addAll(List.of(faults));
    }

    /**
     * A network outage: for the duration every request is read and its connection closed without a response, and
     * long polls under way are cut the same way. Requests made during the outage never reached Telegram, so they
     * are not in {@link #requests}.
     */
    public void dropConnectionsFor(Duration duration) {
        outageEndsAt = System.nanoTime() + duration.toNanos();
        updates.wake();
    }

    public void restoreConnections() {
        outageEndsAt = System.nanoTime();
    }

    @Override
    public void close() {
        updates.close();
        http.close();
    }

    // HTTP -------------------------------------------------------------------------------------------------------

    private boolean outage() {
        return System.nanoTime() - outageEndsAt < 0;
    }

    private void handle(RecordedRequest request, HttpExchange exchange) throws IOException, InterruptedException {
        if (outage()) {
            exchange.hangUp();
            return;
        }
        boolean download = request.path().startsWith("/file/bot");
        String rest = request.path().substring(download ? "/file/bot".length() : Math.min(4, request.path().length()));
        int slash = rest.indexOf('/');
        if (!(download || request.path().startsWith("/bot")) || slash < 0 || slash == rest.length() - 1) {
            exchange.respond(404, JSON_HEADERS, TelegramJson.error(404, "Not Found", null));
            return;
        }
        BotApiCall call = BotApiCall.of(download ? FILE_DOWNLOAD : rest.substring(slash + 1), request);
        synchronized (calls) {
            calls.add(call);
            calls.notifyAll();
        }
        Queue<TelegramFault> scripted = faults.get(call.methodKey());
        TelegramFault fault = scripted == null ? null : scripted.poll();
        if (fault != null && !sendFault(fault, exchange)) {
            return;
        }
        if (!rest.substring(0, slash).equals(token)) {
            exchange.respond(401, JSON_HEADERS, TelegramJson.error(401, "Unauthorized", null));
        } else if (download) {
            download(rest.substring(slash + 1), exchange);
        } else {
            answer(call, exchange);
        }
    }

    private void answer(BotApiCall call, HttpExchange exchange) throws IOException, InterruptedException {
        try {
            JsonNode result = api.call(call, this::outage);
            if (result == null) {
                exchange.hangUp(); // a long poll cut by an outage or by the fake closing
            } else {
                exchange.respond(200, JSON_HEADERS, TelegramJson.ok(result));
            }
        } catch (TelegramRefusal refusal) {
            exchange.respond(refusal.errorCode(), JSON_HEADERS, TelegramJson.error(refusal.errorCode(),
                    refusal.getMessage(), null));
        } catch (NumberFormatException notANumber) {
            exchange.respond(400, JSON_HEADERS, TelegramJson.error(400, "Bad Request: wrong number in a parameter: "
                    + notANumber.getMessage(), null));
        }
    }

    private void download(String path, HttpExchange exchange) throws IOException {
        Optional<TelegramFile> file = chats.fileAt(path);
        if (file.isEmpty()) {
            exchange.respond(404, JSON_HEADERS, TelegramJson.error(404, "Not Found", null));
            return;
        }
        exchange.respond(200, Map.of("Content-Type", "application/octet-stream", "Server", "nginx/1.18.0"),
                file.get().bytes());
    }

    /** Plays a fault; returns whether the call should still be served afterwards. */
    private static boolean sendFault(TelegramFault fault, HttpExchange exchange)
            throws IOException, InterruptedException {
        switch (fault) {
            case TelegramFault.TooManyRequests(int seconds) -> {
                var headers = new java.util.LinkedHashMap<>(JSON_HEADERS);
                headers.put("Retry-After", Integer.toString(seconds));
                exchange.respond(429, headers, TelegramJson.error(429, "Too Many Requests: retry after " + seconds,
                        WireJson.object().put("retry_after", seconds)));
            }
            case TelegramFault.BadGateway() -> exchange.respond(502, Map.of("Content-Type", "text/html",
                    "Server", "nginx/1.18.0"), """
                    <html>\r
                    <head><title>502 Bad Gateway</title></head>\r
                    <body>\r
                    <center><h1>502 Bad Gateway</h1></center>\r
                    <hr><center>nginx/1.18.0</center>\r
                    </body>\r
                    </html>\r
                    """);
            case TelegramFault.ApiError(int code, String description) -> exchange.respond(code, JSON_HEADERS,
                    TelegramJson.error(code, description, null));
            case TelegramFault.HangUp() -> exchange.hangUp();
            case TelegramFault.Stall(Duration duration) -> StreamPlayer.stall(exchange, duration);
            case TelegramFault.Delay(Duration duration) -> {
                return exchange.pause(duration);
            }
        }
        return false;
    }
}
