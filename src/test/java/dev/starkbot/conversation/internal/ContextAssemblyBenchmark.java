package dev.starkbot.conversation.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.starkbot.StarkBotApplication;

/**
 * Context assembly for conversations of 100, 10,000 and 100,000 messages, on the real schema and repository
 * (SQLite by default; PostgreSQL with {@code STARKBOT_DATABASE_URL}). Run by {@code bench/context-assembly.sh}, not
 * by the tests: it prints the median and 99th percentile of each size and their ratio to the smallest.
 */
public final class ContextAssemblyBenchmark {

    private static final int[] SIZES = {100, 10_000, 100_000};
    private static final int ROUNDS = 300;
    /**
     * Two windows: a local model's 8k (less the reply budget), which even the 100-message conversation fills, so
     * every size does the same work and the ratio shows what history length alone costs; and Claude's 200k, which
     * the small conversation does not fill, so its ratio also shows the cost of a fuller window.
     */
    private static final int[] BUDGETS = {4_000, 190_000};

    private ContextAssemblyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Files.createTempDirectory("starkbot-bench");
        List<String> arguments = new ArrayList<>(List.of("--starkbot.data-dir=" + data,
                "--logging.level.root=WARN", "--starkbot.jobs.threads=1"));
        arguments.addAll(Arrays.asList(args));
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(StarkBotApplication.class)
                .web(WebApplicationType.NONE).run(arguments.toArray(String[]::new))) {
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            ContextAssembler assembler = context.getBean(ContextAssembler.class);
            String owner = UUID.randomUUID().toString();
            jdbc.update("INSERT INTO users (id, username, username_key, display_name, password_hash, role, status, "
                    + "time_zone, locale, created_at) VALUES (?, ?, ?, 'Bench', 'x', 'user', 'active', 'UTC', "
                    + "'en', 0)", owner, "bench-" + owner, "bench-" + owner);
            String[] conversations = new String[SIZES.length];
            for (int i = 0; i < SIZES.length; i++) {
                System.err.println("filling a conversation of " + SIZES[i] + " messages...");
                conversations[i] = fill(jdbc, owner, SIZES[i]);
            }
            for (int budget : BUDGETS) {
                System.out.printf(Locale.ROOT, "%nhistory budget %d tokens%n%-10s %12s %12s %10s %14s%n", budget,
                        "messages", "p50 (µs)", "p99 (µs)", "ratio p50", "in context");
                double base = 0;
                for (int s = 0; s < SIZES.length; s++) {
                    long[] times = new long[ROUNDS];
                    int chosen = 0;
                    for (int i = -50; i < ROUNDS; i++) {
                        long start = System.nanoTime();
                        chosen = assembler.assemble(conversations[s], 0, budget).size();
                        if (i >= 0) {
                            times[i] = System.nanoTime() - start;
                        }
                    }
                    Arrays.sort(times);
                    double p50 = times[ROUNDS / 2] / 1000.0;
                    double p99 = times[ROUNDS * 99 / 100] / 1000.0;
                    base = base == 0 ? p50 : base;
                    System.out.printf(Locale.ROOT, "%-10d %12.1f %12.1f %10.2f %14d%n", SIZES[s], p50, p99,
                            p50 / base, chosen);
                }
            }
        }
    }

    /** A conversation of alternating user and assistant messages of ordinary length (about 60 tokens each). */
    private static String fill(JdbcTemplate jdbc, String owner, int size) {
        String conversation = UUID.randomUUID().toString();
        jdbc.update("INSERT INTO conversations (id, owner_id, platform, next_seq, input_tokens, output_tokens, "
                + "cost_micros, created_at, updated_at) VALUES (?, ?, 'web', ?, 0, 0, 0, 0, 0)", conversation, owner,
                size);
        String text = "A message of ordinary length, about the weather, the plans for the weekend and the "
                + "groceries that still need buying, written the way people write to an assistant. ";
        String content = "[{\"type\":\"text\",\"text\":\"" + text + "\"}]";
        List<Object[]> rows = new ArrayList<>();
        for (int seq = 0; seq < size; seq++) {
            rows.add(new Object[] {UUID.randomUUID().toString(), conversation, seq,
                    seq % 2 == 0 ? "user" : "assistant", content, text, 60, "complete", "web", seq});
            if (rows.size() == 5_000 || seq == size - 1) {
                jdbc.batchUpdate("INSERT INTO messages (id, conversation_id, seq, role, content, body, token_count, "
                        + "status, platform, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
                rows.clear();
            }
        }
        return conversation;
    }
}
