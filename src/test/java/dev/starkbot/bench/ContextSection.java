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
        // Never cut much: the first size timed would otherwise pay for the JIT and read as the slowest.
        int warmUp = Math.max(20, context.rounds(50));
        try (ContextAssemblyProbe probe = ContextAssemblyProbe.start(
                Files.createTempDirectory(context.scratch(), "context"), arguments)) {
            String[] conversations = new String[SIZES.length];
            for (int i = 0; i < SIZES.length; i++) {
                context.progress(String.format(Locale.ROOT, "context on %s: filling a conversation of %,d messages",
                        database, SIZES[i]));
                conversations[i] = probe.fill(SIZES[i]);
            }
            context.progress("context on " + database + ": warming up on every size and both windows...");
            for (String conversation : conversations) {
                probe.assemble(conversation, LOCAL_BUDGET, warmUp, 1);
                probe.assemble(conversation, CLAUDE_BUDGET, warmUp, 1);
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

    /** Times every size with one budget, each beside its raw SELECT floor; the p50 of each size in µs. */
    private double[] window(BenchContext context, ContextAssemblyProbe probe, String database,
                            String[] conversations, int budget, int warmUp, int rounds) throws Exception {
        String window = budget == LOCAL_BUDGET ? "8k window" : "200k window";
        double[] p50 = new double[SIZES.length];
        for (int i = 0; i < SIZES.length; i++) {
            context.progress(String.format(Locale.ROOT, "context on %s, %s: assembling %,d messages' context %d times",
                    database, window, SIZES[i], rounds));
            ContextAssemblyProbe.Assembly assembly = probe.assemble(conversations[i], budget, warmUp, rounds);
            Samples floor = probe.rawSelect(conversations[i], assembly.messages(), warmUp, rounds);
            String floorName = String.format(Locale.ROOT, "raw SELECT of %,d rows,", assembly.messages());
            String what = String.format(Locale.ROOT, "%s, %s, %,d messages", database, window, SIZES[i]);
            context.report().add(Figure.of(name(), what + ", p50", assembly.samples().p50Us(), "µs")
                    .against(floorName + " p50", floor.p50Us()));
            context.report().add(Figure.of(name(), what + ", p99", assembly.samples().p99Us(), "µs")
                    .against(floorName + " p99", floor.p99Us()));
            p50[i] = assembly.samples().p50Us();
        }
        return p50;
    }
}
