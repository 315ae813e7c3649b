package dev.starkbot.bench;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;

/**
 * People chatting with StarkBot over the WebSocket, as the dashboard does: each one their own user, connection
 * (subscribed to {@code chat}) and conversation, sending {@code chat.send} and reading the reply's events. A turn is
 * timed from the moment its request is sent to the moment both its answer and its {@code chat.done} event have
 * arrived (the reply is stored by then); the time to the first {@code chat.delta} is its time to first token.
 */
final class ChatLoad implements AutoCloseable {

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Chatter> chatters = new ArrayList<>();

    /** Creates {@code people} users, signs each in, connects them and opens a conversation for each. */
    static ChatLoad open(BenchServer server, String prefix, int people, BenchContext context) throws Exception {
        ChatLoad load = new ChatLoad();
        String admin = server.login(BenchServer.ADMIN, BenchServer.ADMIN_PASSWORD);
        AtomicInteger connected = new AtomicInteger();
        // Two at a time: each account costs two password hashes (made, then checked at sign-in), on two cores.
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            List<Future<Chatter>> chatters = new ArrayList<>();
            for (int i = 0; i < people; i++) {
                String username = prefix + i;
                chatters.add(pool.submit(() -> {
                    Chatter chatter = Chatter.connect(load.http, server.port(), server.newUser(admin, username));
                    int done = connected.incrementAndGet();
                    if (done % 25 == 0 || done == people) {
                        context.progress("  " + done + "/" + people + " people signed in and connected");
                    }
                    return chatter;
                }));
            }
            for (Future<Chatter> chatter : chatters) {
                load.chatters.add(chatter.get());
            }
        }
        return load;
    }

    /** How long a person pauses between a reply and their next message: uniformly between the two bounds. */
    record Pacing(long minMillis, long maxMillis) {

        static final Pacing NONE = new Pacing(0, 0);

        long pause() {
            return maxMillis == 0 ? 0 : java.util.concurrent.ThreadLocalRandom.current().nextLong(minMillis,
                    maxMillis + 1);
        }

        long firstPause() {
            return maxMillis == 0 ? 0 : java.util.concurrent.ThreadLocalRandom.current().nextLong(maxMillis + 1);
        }
    }

    /** The timings of a series of turns. */
    record Timings(Samples turns, Samples firstToken, double seconds) {

        double turnsPerSecond() {
            return turns.count() / seconds;
        }
    }

    /** The first {@code concurrency} people each take {@code turnsEach} turns, one after another, all at once. */
    Timings run(int concurrency, int turnsEach) throws Exception {
        return run(concurrency, turnsEach, Pacing.NONE);
    }

    /**
     * The same, each person pausing as paced between a reply and their next message; the first message of each is
     * also delayed by a random part of a pause, so that people do not all write at the same instant.
     */
    Timings run(int concurrency, int turnsEach, Pacing pacing) throws Exception {
        long[] turns = new long[concurrency * turnsEach];
        long[] firstTokens = new long[concurrency * turnsEach];
        CountDownLatch ready = new CountDownLatch(concurrency);
        long start;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            CountDownLatch go = new CountDownLatch(1);
            for (int c = 0; c < concurrency; c++) {
                Chatter chatter = chatters.get(c);
                int offset = c * turnsEach;
                running.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    Thread.sleep(pacing.firstPause());
                    for (int i = 0; i < turnsEach; i++) {
                        if (i > 0) {
                            Thread.sleep(pacing.pause());
                        }
                        long[] timing = chatter.turn("question " + i + ": what is on my list for today?");
                        turns[offset + i] = timing[0];
                        firstTokens[offset + i] = timing[1];
                    }
                    return null;
                }));
            }
            ready.await();
            start = System.nanoTime();
            go.countDown();
            for (Future<?> future : running) {
                future.get();
            }
        }
        return new Timings(Samples.of(turns), Samples.of(firstTokens), (System.nanoTime() - start) / 1e9);
    }

    @Override
    public void close() {
        chatters.forEach(chatter -> chatter.rpc.close());
        http.close();
    }

    /** One person: their connection, their conversation, and the clock of the turn under way. */
    private static final class Chatter {

        private RpcClient rpc;
        private String conversationId;
        private volatile CompletableFuture<Long> firstDelta = new CompletableFuture<>();
        private volatile CompletableFuture<Long> done = new CompletableFuture<>();

        static Chatter connect(HttpClient http, int port, String token) throws Exception {
            Chatter chatter = new Chatter();
            chatter.rpc = RpcClient.connect(http, port, token, chatter::event);
            chatter.rpc.result("subscribe", Map.of("topics", List.of("chat")));
            chatter.conversationId = chatter.rpc.result("conversations.create", Map.of("title", "benchmark"))
                    .path("id").asString();
            return chatter;
        }

        /** Runs on the socket's reading thread: notes the times, nothing more. */
        private void event(JsonNode event) {
            long now = System.nanoTime();
            switch (event.path("type").asString("")) {
                case "chat.delta" -> firstDelta.complete(now);
                case "chat.done" -> done.complete(now);
                case "chat.error" -> done.completeExceptionally(
                        new IllegalStateException("the turn failed: " + event.path("data")));
                default -> {
                }
            }
        }

        /** One turn: {total, to first token} in nanoseconds. */
        long[] turn(String text) throws Exception {
            firstDelta = new CompletableFuture<>();
            done = new CompletableFuture<>();
            long start = System.nanoTime();
            CompletableFuture<Long> answered = rpc.call("chat.send", Map.of("id", conversationId, "text", text))
                    .thenApply(answer -> {
                        if (answer.has("error")) {
                            throw new IllegalStateException("chat.send failed: " + answer.get("error"));
                        }
                        return System.nanoTime();
                    });
            long end = Math.max(answered.get(60, TimeUnit.SECONDS), done.get(60, TimeUnit.SECONDS));
            return new long[] {end - start, firstDelta.get(1, TimeUnit.SECONDS) - start};
        }
    }
}
