package dev.starkbot.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.starkbot.testing.fake.AnthropicReply;
import dev.starkbot.testing.fake.FakeAnthropicServer;

/**
 * Events per second to 1,000 WebSocket clients, memory with 1,000 idle connections.
 *
 * <p>The clients are 1,000 connections of one user, each subscribed to {@code chat}: a chat event goes to every
 * connection of the conversation's owner, so it is the topic that truly fans out (settings and jobs do too, but a
 * person changes a setting now and then, while a reply streams an event per word). One more connection of the same
 * user, not subscribed, sends the turns; fake Claude answers each with a long reply, one {@code chat.delta} per
 * word. The turns are pipelined two deep: the next is sent once every client has received the turn before the one
 * that just ended, so StarkBot always has events to deliver yet no client is ever more than two replies (about 420
 * events, under the send queue of 1,000) behind, and a disconnection (1013) would mean StarkBot fell behind, not that
 * the harness asked for more than the queue holds.
 */
final class FanOutSection implements Section {

    private static final int CLIENTS = 1_000;
    /** Words per reply: one chat.delta each, plus message, usage and done events around them. */
    private static final int WORDS = 200;
    /** Turns per conversation before a new one, so that the growing history does not slow turns down. */
    private static final int TURNS_PER_CONVERSATION = 20;
    private static final int WARM_UP_TURNS = 3;
    private static final String REPLY = String.join(" ", java.util.Collections.nCopies(WORDS / 4,
            "the reply streams on"));

    @Override
    public String name() {
        return "fanout";
    }

    @Override
    public String description() {
        return "events per second to 1,000 WebSocket clients, memory with 1,000 idle connections";
    }

    @Override
    public void run(BenchContext context) throws Exception {
        // Each client socket is a file descriptor here and another in StarkBot; a soft limit of 1,024 (a common
        // default) would fail the connections part way through with "Too many open files".
        long limit = openFilesLimit(Path.of("/proc/self/limits"));
        if (limit < CLIENTS + 500) {
            context.report().note("fanout: skipped, the open-files limit is " + limit + "; raise it (ulimit -n "
                    + 4 * CLIENTS + ") before bench/run");
            return;
        }
        Path data = Files.createTempDirectory(context.scratch(), "fanout");
        try (FakeAnthropicServer claude = FakeAnthropicServer.start();
             BenchServer server = BenchServer.start(context.jar(), data, StartupSection.RECOMMENDED, List.of(
                     "--starkbot.ai.anthropic.base-url=" + claude.baseUrl(),
                     "--starkbot.ai.anthropic.api-key=" + claude.apiKey(),
                     "--starkbot.conversations.ai-titles=false",
                     // Each upgrade counts once against the read group; 1,000 of them in seconds is the benchmark,
                     // not abuse. The driver's own calls are over the socket, limited per connection.
                     "--starkbot.rate-limit.read.capacity=100000",
                     "--starkbot.gateway.requests-per-second=1000"));
             HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            long serverLimit = openFilesLimit(Path.of("/proc/" + server.pid() + "/limits"));
            if (serverLimit < CLIENTS + 500) {
                context.report().note("fanout: skipped, StarkBot's open-files limit is " + serverLimit);
                return;
            }
            String admin = server.login(BenchServer.ADMIN, BenchServer.ADMIN_PASSWORD);
            String token = server.newUser(admin, "fan");
            warmUp(context, claude, server, token);
            double idleRss = server.residentMb();
            double idleHeap = server.heapAfterGcMb();
            List<FanOutClient> clients = connect(context, http, server.port(), token);
            try {
                memory(context, server, idleRss, idleHeap);
                try (RpcClient driver = RpcClient.connect(http, server.port(), token, event -> { })) {
                    fanOut(context, claude, server, driver, clients);
                }
            } finally {
                clients.forEach(FanOutClient::close);
            }
        }
    }

    /**
     * A few turns over HTTP before anything is measured: the first turn loads the model client and the token
     * counter (tens of MB, which would otherwise land between the two memory figures and be counted as the
     * connections'), and the JIT compiles the turn's path.
     */
    private static void warmUp(BenchContext context, FakeAnthropicServer claude, BenchServer server, String token)
            throws Exception {
        context.progress("warming up with " + WARM_UP_TURNS + " turns over HTTP, no WebSocket open...");
        String conversation = server.call("POST", "/api/conversations", token, Map.of("title", "warm-up"))
                .path("id").asString();
        for (int i = 0; i < WARM_UP_TURNS; i++) {
            claude.enqueue(AnthropicReply.text(REPLY));
            server.call("POST", "/api/conversations/" + conversation + "/messages", token,
                    Map.of("text", "tell me more"));
        }
        Thread.sleep(3_000);
    }

    private static List<FanOutClient> connect(BenchContext context, HttpClient http, int port, String token)
            throws Exception {
        context.progress("connecting " + CLIENTS + " clients, each subscribed to chat...");
        List<FanOutClient> clients = new ArrayList<>();
        // In batches, as a thousand people do not all open their dashboards in the same millisecond.
        int batch = 50;
        for (int start = 0; start < CLIENTS; start += batch) {
            List<CompletableFuture<FanOutClient>> opening = new ArrayList<>();
            for (int i = start; i < Math.min(CLIENTS, start + batch); i++) {
                opening.add(FanOutClient.connect(http, port, token)
                        .thenCompose(client -> client.subscribe("chat").thenApply(done -> client)));
            }
            for (CompletableFuture<FanOutClient> client : opening) {
                clients.add(client.get(60, TimeUnit.SECONDS));
            }
            if (clients.size() % 200 == 0) {
                context.progress("  " + clients.size() + "/" + CLIENTS + " connected and subscribed");
            }
        }
        return clients;
    }

    private static void memory(BenchContext context, BenchServer server, double idleRss, double idleHeap)
            throws Exception {
        context.progress("letting 1,000 idle connections settle, then measuring StarkBot's memory...");
        Thread.sleep(3_000);
        double rss = server.residentMb();
        double heap = server.heapAfterGcMb();
        String section = "fanout";
        context.report().add(Figure.of(section, "RSS, no WebSocket connections", idleRss, "MB"));
        context.report().add(Figure.of(section, "RSS, 1,000 idle authenticated connections", rss, "MB")
                .against("RSS with none", idleRss));
        context.report().add(Figure.of(section, "RSS per idle connection", (rss - idleRss) * 1024 / CLIENTS, "KB"));
        context.report().add(Figure.of(section, "heap after GC, no WebSocket connections", idleHeap, "MB"));
        context.report().add(Figure.of(section, "heap after GC, 1,000 idle connections", heap, "MB")
                .against("heap with none", idleHeap));
        context.report().add(Figure.of(section, "heap per idle connection", (heap - idleHeap) * 1024 / CLIENTS,
                "KB"));
    }

    private static void fanOut(BenchContext context, FakeAnthropicServer claude, BenchServer server,
                               RpcClient driver, List<FanOutClient> clients) throws Exception {
        // Warm-up turns over the socket too, so that the fan-out path is compiled before the counts start.
        context.progress("warming up with " + WARM_UP_TURNS + " turns to the 1,000 clients...");
        String warmUp = driver.result("conversations.create", Map.of("title", "warm-up")).path("id").asString();
        for (int i = 0; i < WARM_UP_TURNS; i++) {
            claude.enqueue(AnthropicReply.text(REPLY));
            driver.result("chat.send", Map.of("id", warmUp, "text", "tell me more"));
        }
        long startSeq = currentSeq(driver);
        awaitDelivery(clients, startSeq);
        long deliveredBefore = delivered(clients);
        long gapsBefore = clients.stream().mapToLong(FanOutClient::gaps).sum();
        long seconds = context.quick() ? 4 : 20;
        context.progress("streaming replies of " + WORDS + " words to all " + CLIENTS + " clients for " + seconds
                + " s...");
        Thread ticker = Thread.ofPlatform().daemon().start(() -> tick(context, clients));
        double serverCpu = cpuSeconds(server.pid());
        double harnessCpu = cpuSeconds(ProcessHandle.current().pid());
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(seconds);
        long previousEnd = startSeq;
        int turns = 0;
        String conversation = null;
        while (System.nanoTime() < deadline) {
            if (turns % TURNS_PER_CONVERSATION == 0) {
                conversation = driver.result("conversations.create", Map.of("title", "fan-out " + turns))
                        .path("id").asString();
            }
            claude.enqueue(AnthropicReply.text(REPLY));
            driver.result("chat.send", Map.of("id", conversation, "text", "tell me more"));
            turns++;
            long end = currentSeq(driver);
            awaitDelivery(clients, previousEnd);
            previousEnd = end;
        }
        awaitDelivery(clients, previousEnd);
        double elapsed = (System.nanoTime() - start) / 1e9;
        serverCpu = cpuSeconds(server.pid()) - serverCpu;
        harnessCpu = cpuSeconds(ProcessHandle.current().pid()) - harnessCpu;
        ticker.interrupt();
        long published = previousEnd - startSeq;
        long delivered = delivered(clients) - deliveredBefore;
        long gaps = clients.stream().mapToLong(FanOutClient::gaps).sum() - gapsBefore;
        long closed = clients.stream().filter(client -> client.closeCode() >= 0).count();
        long slow = clients.stream().filter(client -> client.closeCode() == 1013).count();
        long missing = published * CLIENTS - delivered;
        String section = "fanout";
        double echoPerSecond = 1e6 / context.floors().wsEcho().p50Us();
        context.report().add(Figure.of(section, "events/s delivered, total over 1,000 clients", delivered / elapsed,
                "/s").against("1 raw WS echo, messages/s", echoPerSecond));
        context.report().add(Figure.of(section, "events/s published (each to 1,000 clients)", published / elapsed,
                "/s"));
        // Steadier than the rate on a shared machine: what one delivery costs StarkBot, whoever else ran meanwhile.
        context.report().add(Figure.of(section, "StarkBot CPU per event delivered to one client", serverCpu * 1e6
                / delivered, "µs"));
        context.report().add(Figure.of(section, "events lost (expected minus received)", missing, "events")
                .target("0", missing == 0 && gaps == 0));
        context.report().add(Figure.of(section, "clients disconnected (1013 too slow, or other)", closed,
                "clients").target("0", closed == 0));
        // Both processes share the machine's cores: how busy each was says which one the figure measures.
        context.report().note(String.format(Locale.ROOT, "fanout: %d turns of %d words in %.1f s; %,d events "
                        + "published, %,d delivered of %,d; %d sequence gaps; %d clients closed (%d with 1013); "
                        + "CPU meanwhile: StarkBot %.1f s, harness (1,000 clients, fake Claude) %.1f s",
                turns, WORDS, elapsed, published, delivered, published * CLIENTS, gaps, closed, slow, serverCpu,
                harnessCpu));
    }

    /** The chat topic's current number, which subscribe answers with; the driver unsubscribes at once. */
    private static long currentSeq(RpcClient driver) throws Exception {
        long seq = driver.result("subscribe", Map.of("topics", List.of("chat"))).path("chat").asLong();
        driver.result("unsubscribe", Map.of("topics", List.of("chat")));
        return seq;
    }

    /** Waits until every client still connected has received events up to {@code seq}. */
    private static void awaitDelivery(List<FanOutClient> clients, long seq) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (FanOutClient client : clients) {
            while (client.lastSeq() < seq && client.closeCode() < 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("a client is still behind after 60 s: at " + client.lastSeq()
                            + ", expected " + seq);
                }
                Thread.sleep(1);
            }
        }
    }

    /** A line every few seconds while the replies stream, since a turn to 1,000 clients can take a while. */
    private static void tick(BenchContext context, List<FanOutClient> clients) {
        long start = System.nanoTime();
        long before = delivered(clients);
        try {
            while (true) {
                Thread.sleep(3_000);
                long delivered = delivered(clients) - before;
                context.progress(String.format(Locale.ROOT, "  %,d events delivered (%,.0f/s so far)", delivered,
                        delivered / ((System.nanoTime() - start) / 1e9)));
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }

    /** User and system CPU time of a process, from {@code /proc/<pid>/stat} (in clock ticks of 1/100 s). */
    private static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        // Fields after the command name, which is in parentheses and may contain spaces.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    private static long delivered(List<FanOutClient> clients) {
        return clients.stream().mapToLong(FanOutClient::received).sum();
    }

    /** The soft limit on open files, from a {@code /proc/<pid>/limits} file. */
    private static long openFilesLimit(Path limits) throws IOException {
        for (String line : Files.readAllLines(limits)) {
            if (line.startsWith("Max open files")) {
                String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
            }
        }
        return Long.MAX_VALUE;
    }
}
