package dev.starkbot.platform;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.starkbot.StarkBotApplication;
import dev.starkbot.testing.fake.AnthropicReply;
import dev.starkbot.testing.fake.FakeAnthropicServer;
import dev.starkbot.testing.fake.FakeTelegramServer;
import dev.starkbot.testing.fake.TelegramUser;

/**
 * The platform path: a message on the fake Telegram to the whole reply on the fake Telegram, through the real client
 * library, the inbox, a turn against a fake Claude streaming 50 words without delay, and the outbox; printed beside
 * the floor measured in the same run (a raw loopback HTTP round trip, and the fake Claude's reply alone). Run by
 * {@code bench/platform-path.sh}, not by the tests.
 */
public final class PlatformPathBenchmark {

    private static final int WARM_UP = 40;
    private static final int ROUNDS = 200;
    private static final int CONCURRENT_CHATS = 10;
    private static final int CONCURRENT_ROUNDS = 20;
    private static final String WORDS = IntStream.range(0, 50).mapToObj(i -> "w" + i)
            .collect(Collectors.joining(" "));

    private PlatformPathBenchmark() {
    }

    @SuppressWarnings("try")
    public static void main(String[] args) throws Exception {
        try (FakeTelegramServer telegram = FakeTelegramServer.start();
             FakeAnthropicServer claude = FakeAnthropicServer.start()) {
            HttpClient http = HttpClient.newHttpClient();
            long[] floor = time(ROUNDS, i -> send(http, HttpRequest.newBuilder(
                    URI.create(telegram.apiUrl() + telegram.token() + "/getMe")).GET().build()));
            long[] model = time(ROUNDS, i -> {
                claude.enqueue(AnthropicReply.text(WORDS));
                send(http, HttpRequest.newBuilder(URI.create(claude.baseUrl() + "/v1/messages"))
                        .header("x-api-key", claude.apiKey()).header("anthropic-version", "2023-06-01")
                        .header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":"
                                + "200,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                        .build());
            });
            try (ConfigurableApplicationContext context = start(telegram, claude, args)) {
                System.err.println("StarkBot is up; warming up...");
                TelegramUser person = TelegramUser.of(4242, "Bench", "bench");
                time(WARM_UP, i -> roundTrip(telegram, claude, person, "warm" + i));
                System.err.println("measuring one chat at a time...");
                long[] path = time(ROUNDS, i -> roundTrip(telegram, claude, person, "q" + i));
                System.err.println("measuring " + CONCURRENT_CHATS + " chats at once...");
                long[] concurrent = concurrent(telegram, claude);
                System.out.printf(Locale.ROOT, "%n%-44s %10s %10s%n", "", "p50 (ms)", "p99 (ms)");
                row("floor: loopback HTTP round trip (getMe)", floor);
                row("fake Claude alone, 50 words streamed", model);
                row("platform path, one chat at a time", path);
                row("platform path, " + CONCURRENT_CHATS + " chats at once", concurrent);
                System.out.printf(Locale.ROOT, "%-44s %10.2f %10.2f%n", "added by StarkBot and the Bot API (1 chat)",
                        ms(percentile(path, 50) - percentile(model, 50) - percentile(floor, 50) * 3),
                        ms(percentile(path, 99) - percentile(model, 99) - percentile(floor, 99) * 3));
                System.out.println("(the path includes three Bot API calls besides the model: the update's "
                        + "delivery, the typing action, the reply's sendMessage)");
            }
        }
    }

    private static ConfigurableApplicationContext start(FakeTelegramServer telegram, FakeAnthropicServer claude,
                                                        String[] extra) throws Exception {
        Path data = Files.createTempDirectory("starkbot-bench");
        List<String> arguments = new ArrayList<>(List.of("--starkbot.data-dir=" + data,
                "--logging.level.root=WARN", "--starkbot.conversations.ai-titles=false",
                "--starkbot.admin.username=owner", "--starkbot.admin.password=the bench owner's password",
                "--starkbot.ai.anthropic.base-url=" + claude.baseUrl(),
                "--starkbot.ai.anthropic.api-key=" + claude.apiKey(),
                "--starkbot.platforms.telegram.api-url=" + telegram.apiUrl().replaceAll("/bot$", ""),
                "--starkbot.platforms.telegram.bot-token=" + telegram.token(),
                "--starkbot.platforms.telegram.access.mode=open"));
        arguments.addAll(Arrays.asList(extra));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(StarkBotApplication.class)
                .web(WebApplicationType.NONE).run(arguments.toArray(String[]::new));
        for (int i = 0; i < 200 && telegram.requests("getUpdates").isEmpty(); i++) {
            Thread.sleep(50);
        }
        return context;
    }

    /**
     * One message and its whole reply. Every reply is the same 50 words (the fake Claude answers requests in the
     * order they come, whichever chat they are from), so the reply is told apart by being newer than the chat's
     * last message.
     */
    private static void roundTrip(FakeTelegramServer telegram, FakeAnthropicServer claude, TelegramUser person,
                                  String marker) throws Exception {
        List<dev.starkbot.testing.fake.SentMessage> before = telegram.sentMessages(person.id());
        int last = before.isEmpty() ? 0 : before.getLast().messageId();
        claude.enqueue(AnthropicReply.text(WORDS));
        telegram.userSends(person.id(), person, marker);
        telegram.awaitSent(person.id(), sent -> sent.messageId() > last && sent.plainText().equals(WORDS),
                Duration.ofSeconds(30));
    }

    private static long[] concurrent(FakeTelegramServer telegram, FakeAnthropicServer claude) throws Exception {
        long[] times = new long[CONCURRENT_CHATS * CONCURRENT_ROUNDS];
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<long[]>> chats = new ArrayList<>();
            for (int c = 0; c < CONCURRENT_CHATS; c++) {
                TelegramUser person = TelegramUser.of(5000 + c, "Chat" + c, "chat" + c);
                chats.add(pool.submit(() -> time(CONCURRENT_ROUNDS,
                        i -> roundTrip(telegram, claude, person, person.username() + "-" + i))));
            }
            for (int c = 0; c < chats.size(); c++) {
                System.arraycopy(chats.get(c).get(), 0, times, c * CONCURRENT_ROUNDS, CONCURRENT_ROUNDS);
            }
        }
        return times;
    }

    @FunctionalInterface
    private interface Step {
        void run(int round) throws Exception;
    }

    private static long[] time(int rounds, Step step) throws Exception {
        long[] nanos = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            step.run(i);
            nanos[i] = System.nanoTime() - start;
        }
        return nanos;
    }

    private static void send(HttpClient http, HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("fake answered " + response.statusCode() + ": " + response.body());
        }
    }

    private static long percentile(long[] nanos, int percent) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percent / 100.0 * sorted.length) - 1)];
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }

    private static void row(String name, long[] nanos) {
        System.out.printf(Locale.ROOT, "%-44s %10.2f %10.2f%n", name, ms(percentile(nanos, 50)),
                ms(percentile(nanos, 99)));
    }
}
