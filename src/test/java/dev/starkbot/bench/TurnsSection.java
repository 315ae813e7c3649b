package dev.starkbot.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.starkbot.testing.fake.AnthropicReply;
import dev.starkbot.testing.fake.FakeAnthropicServer;

/**
 * Chat turns through the whole stack (WebSocket {@code chat.send}, the person's message stored, the fake Claude
 * streaming 50 tokens without delay, the events to the client, the reply stored) against the same fake called
 * directly: added latency and time to first token at 1, 10 and 100 concurrent conversations, turns per second at
 * saturation, and the heap after garbage collection over 10,000 turns. On SQLite, then on PostgreSQL.
 */
final class TurnsSection implements Section {

    static final String WORDS = IntStream.range(0, 50).mapToObj(i -> "w" + i).collect(Collectors.joining(" "));
    private static final int PEOPLE = 100;
    private static final int[] CONCURRENCY = {1, 10, 100};
    private static final int MEMORY_TURNS = 10_000;
    /**
     * Latency is measured with people who pause between a reply and their next message (a fast reader and typist:
     * half a second to a second and a half), so that 100 conversations at once offer about 100 turns a second.
     * Without pauses every figure would be the queue of a saturated machine (Little's law: 100 conversations at
     * N turns per second wait 100/N seconds each), which the saturation figures measure on their own.
     */
    static final ChatLoad.Pacing PACING = new ChatLoad.Pacing(500, 1_500);
    private static final int MEMORY_BLOCKS = 5;
    static final int POSTGRES_POOL = 30;

    /** The fake Claude's certificate, which StarkBot and the harness's direct calls trust. */
    private BenchTls tls;

    @Override
    public String name() {
        return "turns";
    }

    @Override
    public String description() {
        return "chat turns over the WebSocket: added latency, time to first token, turns per second on SQLite and "
                + "PostgreSQL, heap over 10,000 turns";
    }

    @Override
    public void run(BenchContext context) throws Exception {
        BenchTls tls = BenchTls.create(context.scratch().resolve("tls"));
        try (FakeAnthropicServer claude = FakeAnthropicServer.startTls(tls.server())) {
            claude.answerEveryRequestWith(AnthropicReply.text(WORDS));
            this.tls = tls;
            // -Dbench.turns.databases=postgresql measures one database only (when looking into one)
            String databases = System.getProperty("bench.turns.databases", "sqlite,postgresql");
            if (databases.contains("sqlite")) {
                measure(context, claude, "SQLite", List.of(), true);
            }
            if (!databases.contains("postgresql")) {
                return;
            }
            String unavailable = context.postgres().unavailable();
            if (unavailable == null) {
                // With the default pool of 10, a hundred people writing without pause on two cores made turns wait
                // over 10 s for a connection and fail: each connection is held by a virtual thread that, once its
                // answer is in, queues for a core behind a hundred others. docs/operations.md ("Capacity") advises
                // a larger pool for such loads, and it is measured with one.
                List<String> postgres = new ArrayList<>(context.postgres().freshDatabase());
                postgres.add("--starkbot.database.pool-size=" + POSTGRES_POOL);
                measure(context, claude, "PostgreSQL", postgres, false);
            } else {
                context.report().note("turns on PostgreSQL not measured: " + unavailable);
            }
        }
    }

    private void measure(BenchContext context, FakeAnthropicServer claude, String database, List<String> databaseArgs,
                         boolean everything) throws Exception {
        List<String> args = new ArrayList<>(databaseArgs);
        args.addAll(List.of("--starkbot.ai.anthropic.base-url=" + claude.baseUrl(),
                "--starkbot.ai.anthropic.api-key=" + claude.apiKey(), "--starkbot.conversations.ai-titles=false",
                // The request limits would stop a person taking several turns a second (and one address signing 100
                // people in); they are not what
                // is measured (the limiter still runs, with room to spare).
                "--starkbot.rate-limit.write.capacity=1000000", "--starkbot.rate-limit.read.capacity=1000000",
                "--starkbot.rate-limit.auth.capacity=1000000"));
        Path data = context.scratch().resolve("turns-" + database.toLowerCase(java.util.Locale.ROOT) + "-"
                + System.currentTimeMillis());
        context.progress("starting StarkBot on " + database + "...");
        List<String> options = new ArrayList<>(StartupSection.RECOMMENDED);
        options.addAll(tls.jvmOptions());
        try (BenchServer server = BenchServer.start(context.jar(), data, options, args);
             ChatLoad load = ChatLoad.open(server, "bench-" + database.toLowerCase(java.util.Locale.ROOT) + "-",
                     PEOPLE, context)) {
            context.progress("warming up (" + context.rounds(500) + " turns)...");
            load.run(PEOPLE, Math.max(1, context.rounds(500) / PEOPLE));
            DirectModelCalls.run(claude, tls, PEOPLE, Math.max(1, context.rounds(500) / PEOPLE));
            for (int concurrency : everything ? CONCURRENCY : new int[] {1, PEOPLE}) {
                latency(context, claude, load, database, concurrency);
            }
            saturation(context, server, load, database, everything);
        }
    }

    private void latency(BenchContext context, FakeAnthropicServer claude, ChatLoad load, String database,
                         int concurrency) throws Exception {
        // 100 turns of one conversation, 20 of each of 10 or 100: at least 100 samples, and minutes, not tens of them
        int turnsEach = context.rounds(Math.max(20, 100 / concurrency));
        context.progress(concurrency + " conversation(s) at once, " + turnsEach + " turns each, people pausing "
                + PACING.minMillis() + "-" + PACING.maxMillis() + " ms between turns; then the fake alone...");
        ChatLoad.Timings turns = load.run(concurrency, turnsEach, PACING);
        // one caller alone is not slowed by pauses, so the fake's own figure is taken without them
        ChatLoad.Timings direct = DirectModelCalls.run(claude, tls, concurrency, turnsEach,
                concurrency == 1 ? ChatLoad.Pacing.NONE : PACING);
        Report report = context.report();
        double echo = context.floors().wsEcho().p50Ms();
        String at = ", " + concurrency + " conversation" + (concurrency == 1 ? "" : "s") + " (" + database + ")";
        report.add(Figure.of(name(), "turn p50" + at, turns.turns().p50Ms(), "ms"));
        report.add(Figure.of(name(), "turn p99" + at, turns.turns().p99Ms(), "ms"));
        report.add(Figure.of(name(), "fake Claude alone p50" + at, direct.turns().p50Ms(), "ms"));
        report.add(Figure.of(name(), "fake Claude alone p99" + at, direct.turns().p99Ms(), "ms"));
        Figure addedP50 = Figure.of(name(), "added by StarkBot p50" + at,
                turns.turns().p50Ms() - direct.turns().p50Ms(), "ms").against("WebSocket echo p50", echo);
        Figure addedP99 = Figure.of(name(), "added by StarkBot p99" + at,
                turns.turns().p99Ms() - direct.turns().p99Ms(), "ms").against("WebSocket echo p50", echo);
        report.add(addedP50);
        report.add(concurrency == PEOPLE ? addedP99.atMost(5) : addedP99);
        report.add(Figure.of(name(), "time to first token added p50" + at,
                turns.firstToken().p50Ms() - direct.firstToken().p50Ms(), "ms").against("WebSocket echo p50", echo));
        report.add(Figure.of(name(), "time to first token added p99" + at,
                turns.firstToken().p99Ms() - direct.firstToken().p99Ms(), "ms").against("WebSocket echo p50", echo));
    }

    /**
     * Every person takes turns without pause until 10,000 turns are done, in blocks, with the heap measured after
     * a full collection between blocks: turns per second, and whether the live heap grows with the turns taken.
     */
    private void saturation(BenchContext context, BenchServer server, ChatLoad load, String database,
                            boolean memory) throws Exception {
        int blocks = memory ? MEMORY_BLOCKS : 1;
        int turnsEach = context.rounds(MEMORY_TURNS / MEMORY_BLOCKS) / PEOPLE;
        double before = server.heapAfterGcMb();
        List<Double> heaps = new ArrayList<>();
        int turns = 0;
        double seconds = 0;
        double cpu = 0;
        ChatLoad.Timings last = null;
        for (int block = 0; block < blocks; block++) {
            context.progress("saturation on " + database + ": " + PEOPLE + " people, block " + (block + 1) + "/"
                    + blocks + " (" + PEOPLE * turnsEach + " turns)...");
            double cpuBefore = server.cpuSeconds();
            ChatLoad.Timings timings = load.run(PEOPLE, turnsEach);
            cpu += server.cpuSeconds() - cpuBefore;
            last = timings;
            turns += timings.turns().count();
            seconds += timings.seconds();
            context.progress(String.format(java.util.Locale.ROOT, "  %.0f turns/s", timings.turnsPerSecond()));
            if (memory) {
                heaps.add(server.heapAfterGcMb());
            }
        }
        double perSecond = turns / seconds;
        Figure throughput = Figure.of(name(), "turns per second at saturation, " + PEOPLE + " people (" + database
                + ")", perSecond, "/s").against("raw SQLite commits/s", context.floors().sqliteCommitsPerSecond());
        context.report().add(database.equals("SQLite") ? throughput.atLeast(500) : throughput);
        // At saturation a turn's time is mostly its wait for the machine (Little's law): shown for completeness.
        context.report().add(Figure.of(name(), "turn p50 at saturation, " + PEOPLE + " people without pauses ("
                + database + ")", last.turns().p50Ms(), "ms"));
        context.report().add(Figure.of(name(), "turn p99 at saturation, " + PEOPLE + " people without pauses ("
                + database + ")", last.turns().p99Ms(), "ms"));
        // Noise-proof: what one turn costs StarkBot in CPU, whatever else shares the machine. Two cores divided by
        // it is the most turns per second StarkBot could reach with the harness and the fake taking nothing.
        double cpuPerTurn = cpu * 1000 / turns;
        context.report().add(Figure.of(name(), "StarkBot's CPU time per turn at saturation (" + database + ")",
                cpuPerTurn, "ms").against("raw SQLite insert + commit", context.floors().sqliteCommit().p50Ms()));
        context.report().add(Figure.of(name(), "ceiling from CPU alone: cores / CPU per turn (" + database + ")",
                Runtime.getRuntime().availableProcessors() * 1000 / cpuPerTurn, "/s"));
        if (memory) {
            Report report = context.report();
            report.add(Figure.of(name(), "heap after GC before the " + turns + " turns (" + database + ")", before,
                    "MB"));
            for (int i = 0; i < heaps.size(); i++) {
                report.add(Figure.of(name(), "heap after GC after " + (i + 1) * PEOPLE * turnsEach + " turns ("
                        + database + ")", heaps.get(i), "MB"));
            }
            // Growth is judged from the first block on: the first turns fill caches and pools whose size is bounded.
            double growth = heaps.getLast() - heaps.getFirst();
            report.add(Figure.of(name(), "heap growth after GC over the last " + (blocks - 1) * PEOPLE * turnsEach
                    + " turns (" + database + ")", growth, "MB").target("≤ 2 MB (no growth)", growth <= 2));
            report.add(Figure.of(name(), "resident memory after " + turns + " turns (" + database + ")",
                    server.residentMb(), "MB"));
        }
    }
}
