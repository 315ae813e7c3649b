package dev.starkbot.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.starkbot.testing.fake.AnthropicReply;
import dev.starkbot.testing.fake.FakeAnthropicServer;
import dev.starkbot.testing.fake.FakeTelegramServer;
import dev.starkbot.testing.fake.SentMessage;
import dev.starkbot.testing.fake.TelegramUser;

/**
 * The platform path: a message written on a fake Telegram to the whole reply shown on it, through StarkBot's
 * packaged jar in its own process (Telegram in polling mode through the real client library, the inbox, a turn
 * against a fake Claude streaming 50 words without delay, the outbox). One chat at a time, then 10 chats at once.
 *
 * <p>Floors, measured in this run: the raw loopback HTTP round trip of {@link Floors}, a Bot API call answered by the
 * fake Telegram ({@code getMe}), and the fake Claude's streamed reply alone. The path holds one model call and at
 * least three Bot API calls (the update's delivery, the reply's {@code sendMessage}, usually its final
 * {@code editMessageText}), so what is left above them is StarkBot's own.
 *
 * <p>The fake Claude speaks https, as the real one does: over plain http Anthropic's SDK (which lets only the TLS
 * socket factory be chosen) leaves Nagle's algorithm on, and a model request of more than 8 KiB would wait for a
 * delayed TCP acknowledgement, about 40 ms that no one talking to the real Claude pays ({@link BenchTls}).
 */
final class PlatformSection implements Section {

    private static final int CONCURRENT_CHATS = 10;
    private static final String WORDS = IntStream.range(0, 50).mapToObj(i -> "w" + i)
            .collect(Collectors.joining(" "));

    @Override
    public String name() {
        return "platform";
    }

    /** The fake Claude's certificate, trusted by StarkBot and the harness. */
    private BenchTls tls;

    @Override
    public String description() {
        return "a message on the fake Telegram to its reply on the fake Telegram";
    }

    @Override
    public void run(BenchContext context) throws Exception {
        // Claude over https, as the real one: over plain http Anthropic's SDK leaves Nagle on (see BenchTls)
        tls = BenchTls.create(context.scratch().resolve("tls"));
        try (FakeTelegramServer telegram = FakeTelegramServer.start();
             FakeAnthropicServer claude = FakeAnthropicServer.startTls(tls.server());
             HttpClient http = HttpClient.newBuilder().sslContext(tls.client()).build()) {
            int rounds = context.rounds(200);
            context.progress("platform: timing the fakes alone (" + rounds + " rounds each)...");
            Samples botApi = Samples.time(rounds, round -> send(http, HttpRequest.newBuilder(
                    URI.create(telegram.apiUrl() + telegram.token() + "/getMe")).GET().build()));
            Samples model = Samples.time(rounds, round -> {
                claude.enqueue(AnthropicReply.text(WORDS));
                send(http, HttpRequest.newBuilder(URI.create(claude.baseUrl() + "/v1/messages"))
                        .header("x-api-key", claude.apiKey()).header("anthropic-version", "2023-06-01")
                        .header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":"
                                + "200,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                        .build());
            });
            Samples raw = context.floors().httpRoundTrip();
            context.report().add(Figure.of(name(), "fake Telegram getMe, p50", botApi.p50Ms(), "ms")
                    .against("raw loopback HTTP, p50", raw.p50Ms()));
            context.report().add(Figure.of(name(), "fake Claude alone, 50 words streamed, p50", model.p50Ms(), "ms")
                    .against("raw loopback HTTP, p50", raw.p50Ms()));
            context.report().add(Figure.of(name(), "fake Claude alone, 50 words streamed, p99", model.p99Ms(), "ms")
                    .against("raw loopback HTTP, p99", raw.p99Ms()));
            measure(context, "SQLite", List.of(), telegram, claude, model, true);
            String unavailable = context.postgres().unavailable();
            if (unavailable == null) {
                measure(context, "PostgreSQL", context.postgres().freshDatabase(), telegram, claude, model, false);
            } else {
                context.report().note("platform on PostgreSQL not measured: " + unavailable);
            }
        }
    }

    /** Starts StarkBot on the database given and times the path; with {@code concurrent}, 10 chats at once too. */
    @SuppressWarnings("try") // the server is only talked to through the fakes; the try stops it
    private void measure(BenchContext context, String database, List<String> databaseArguments,
                         FakeTelegramServer telegram, FakeAnthropicServer claude, Samples model, boolean concurrent)
            throws Exception {
        context.progress("platform on " + database + ": starting StarkBot against the fakes...");
        List<String> arguments = new ArrayList<>(List.of("--starkbot.conversations.ai-titles=false",
                "--starkbot.ai.anthropic.base-url=" + claude.baseUrl(),
                "--starkbot.ai.anthropic.api-key=" + claude.apiKey(),
                "--starkbot.platforms.telegram.api-url=" + telegram.apiUrl().replaceAll("/bot$", ""),
                "--starkbot.platforms.telegram.bot-token=" + telegram.token(),
                "--starkbot.platforms.telegram.access.mode=open"));
        arguments.addAll(databaseArguments);
        List<String> options = new ArrayList<>(StartupSection.RECOMMENDED);
        options.addAll(tls.jvmOptions());
        int before = telegram.requests("getUpdates").size();
        try (BenchServer server = BenchServer.start(context.jar(),
                Files.createTempDirectory(context.scratch(), "platform"), options, arguments)) {
            for (int i = 0; i < 600 && telegram.requests("getUpdates").size() == before; i++) {
                Thread.sleep(50);
            }
            // each database its own people: a chat's history must not carry over from the other's run
            long base = database.equals("SQLite") ? 4000 : 6000;
            TelegramUser person = TelegramUser.of(base, "Bench", "bench");
            int warmUp = context.rounds(40);
            context.progress("platform on " + database + ": warming up (" + warmUp + " rounds)...");
            Samples.time(warmUp, round -> roundTrip(telegram, claude, person, "warm" + round));
            int rounds = context.rounds(200);
            context.progress("platform on " + database + ": one chat at a time (" + rounds + " rounds)...");
            Samples one = Samples.time(rounds, round -> roundTrip(telegram, claude, person, "q" + round));
            report(context, database + ", one chat at a time", one, model);
            if (concurrent) {
                int each = context.rounds(20);
                context.progress("platform on " + database + ": " + CONCURRENT_CHATS + " chats at once (" + each
                        + " rounds each)...");
                report(context, database + ", " + CONCURRENT_CHATS + " chats at once",
                        concurrent(telegram, claude, base + 1, each), model);
            }
        }
    }

    private void report(BenchContext context, String what, Samples path, Samples model) {
        context.report().add(Figure.of(name(), what + ", p50", path.p50Ms(), "ms")
                .against("fake Claude alone, p50", model.p50Ms()));
        context.report().add(Figure.of(name(), what + ", p99", path.p99Ms(), "ms")
                .against("fake Claude alone, p99", model.p99Ms()));
    }

    /**
     * One message and its whole reply. Every reply is the same 50 words (the fake Claude answers requests in the
     * order they come, whichever chat they are from), so the reply is told apart by being newer than the chat's
     * last message; a draft edited into the final text counts when the edit lands.
     */
    private static void roundTrip(FakeTelegramServer telegram, FakeAnthropicServer claude, TelegramUser person,
                                  String marker) throws Exception {
        List<SentMessage> before = telegram.sentMessages(person.id());
        int last = before.isEmpty() ? 0 : before.getLast().messageId();
        claude.enqueue(AnthropicReply.text(WORDS));
        telegram.userSends(person.id(), person, marker);
        telegram.awaitSent(person.id(), sent -> sent.messageId() > last && sent.plainText().equals(WORDS),
                Duration.ofSeconds(30));
    }

    private static Samples concurrent(FakeTelegramServer telegram, FakeAnthropicServer claude, long firstId,
                                      int each) throws Exception {
        long[] nanos = new long[CONCURRENT_CHATS * each];
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Samples>> chats = new ArrayList<>();
            for (int c = 0; c < CONCURRENT_CHATS; c++) {
                TelegramUser person = TelegramUser.of(firstId + c, "Chat" + c, "chat" + c);
                chats.add(pool.submit(() -> Samples.time(each,
                        round -> roundTrip(telegram, claude, person, person.username() + "-" + round))));
            }
            for (int c = 0; c < chats.size(); c++) {
                System.arraycopy(chats.get(c).get().nanos(), 0, nanos, c * each, each);
            }
        }
        return Samples.of(nanos);
    }

    private static void send(HttpClient http, HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("fake answered " + response.statusCode() + ": " + response.body());
        }
    }
}
