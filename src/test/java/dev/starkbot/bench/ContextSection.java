package dev.starkbot.bench;

import java.nio.file.Files;
import java.util.List;
import java.util.Locale;

import dev.starkbot.conversation.internal.ContextAssemblyProbe;

/**
 * Context assembly for conversations of 100, 10,000 and 100,000 messages, on SQLite and (when it answers) on
 * PostgreSQL: what choosing one turn's history costs as the history grows.
 *
 * <p>Two history budgets. A local model's 8k window (4,000 tokens of history) is filled even by the 100-message
 * conversation, so every size does the same work and the ratio of 100,000 to 100 shows what history length alone
 * costs: that ratio is the target (at most 1.5). Claude's 200k window (190,000 tokens) is not filled by 100 messages,
 * so there the larger sizes do more work (about 3,000 messages instead of 100) and the fair ratio is 100,000 to
 * 10,000, both of which fill it.
 *
 * <p>The floor beside each size is one raw indexed SELECT of as many rows as the context held, on the same database
 * in the same run.
 */
final class ContextSection implements Section {

    private static final int[] SIZES = {100, 10_000, 100_000};
    private static final int LOCAL_BUDGET = 4_000;
    private static final int CLAUDE_BUDGET = 190_000;
    private static final double TARGET_RATIO = 1.5;

    @Override
    public String name() {
        return "context";
    }

    @Override
    public String description() {
        return "context assembly for conversations of 100, 10,000 and 100,000 messages";
    }

    @Override
    public void run(BenchContext context) throws Exception {
        measure(context, "SQLite", List.of());
        String unavailable = context.postgres().unavailable();
        if (unavailable == null) {
            measure(context, "PostgreSQL", context.postgres().freshDatabase());
        } else {
            context.report().note("context on PostgreSQL not measured: " + unavailable);
        }
    }

    private void measure(BenchContext context, String database, List<String> arguments) throws Exception {
        context.progress("context on " + database + ": starting StarkBot (no web server) in the harness's JVM...");
        int rounds = context.rounds(300);
        // never cut much, even in a quick run: before the JIT has compiled the path, timings measure the compiler
        int warmUp = Math.max(20, context.rounds(50));
        try (ContextAssemblyProbe probe = ContextAssemblyProbe.start(
                Files.createTempDirectory(context.scratch(), "context"), arguments)) {
            String[] conversations = new String[SIZES.length];
            for (int i = 0; i < SIZES.length; i++) {
                context.progress(String.format(Locale.ROOT, "context on %s: filling a conversation of %,d messages",
                        database, SIZES[i]));
                conversations[i] = probe.fill(SIZES[i]);
            }
            double[] local = window(context, probe, database, conversations, LOCAL_BUDGET, warmUp, rounds);
            context.report().add(Figure.of(name(), database + ", 8k window: p50 at 100,000 messages / at 100",
                    local[2] / local[0], "x").atMost(TARGET_RATIO));
            double[] claude = window(context, probe, database, conversations, CLAUDE_BUDGET, warmUp, rounds);
            context.report().add(Figure.of(name(), database + ", 200k window: p50 at 100,000 messages / at 10,000",
                    claude[2] / claude[1], "x").atMost(TARGET_RATIO));
            context.report().add(Figure.of(name(), database + ", 200k window: p50 100,000 / 100 (window fuller)",
                    claude[2] / claude[0], "x"));
        }
    }

    /**
     * Times every size with one budget, each beside its raw SELECT floor; the p50 of each size in µs. The sizes and
     * their floors take turns round by round, so that whatever else the machine is doing weighs on all of them alike
     * (a ratio of two sizes measured a minute apart would mostly measure the machine).
     */
    private double[] window(BenchContext context, ContextAssemblyProbe probe, String database,
                            String[] conversations, int budget, int warmUp, int rounds) throws Exception {
        String window = budget == LOCAL_BUDGET ? "8k window" : "200k window";
        int[] messages = new int[SIZES.length];
        for (int i = 0; i < SIZES.length; i++) {
            messages[i] = probe.assemble(conversations[i], budget);
        }
        context.progress(String.format(Locale.ROOT, "context on %s, %s: %d warm-up and %d timed rounds, each "
                + "assembling every size's context and reading its floor", database, window, warmUp, rounds));
        long[][] assembly = new long[SIZES.length][rounds];
        long[][] floor = new long[SIZES.length][rounds];
        for (int round = -warmUp; round < rounds; round++) {
            for (int i = 0; i < SIZES.length; i++) {
                long start = System.nanoTime();
                probe.assemble(conversations[i], budget);
                long assembled = System.nanoTime();
                probe.rawSelect(conversations[i], messages[i]);
                if (round >= 0) {
                    assembly[i][round] = assembled - start;
                    floor[i][round] = System.nanoTime() - assembled;
                }
            }
        }
        double[] p50 = new double[SIZES.length];
        for (int i = 0; i < SIZES.length; i++) {
            Samples times = Samples.of(assembly[i]);
            Samples raw = Samples.of(floor[i]);
            String floorName = String.format(Locale.ROOT, "raw SELECT of %,d rows,", messages[i]);
            String what = String.format(Locale.ROOT, "%s, %s, %,d messages", database, window, SIZES[i]);
            context.report().add(Figure.of(name(), what + ", p50", times.p50Us(), "µs")
                    .against(floorName + " p50", raw.p50Us()));
            context.report().add(Figure.of(name(), what + ", p99", times.p99Us(), "µs")
                    .against(floorName + " p99", raw.p99Us()));
            p50[i] = times.p50Us();
        }
        return p50;
    }
}
