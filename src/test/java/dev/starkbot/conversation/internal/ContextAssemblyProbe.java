package dev.starkbot.conversation.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.starkbot.StarkBotApplication;

/**
 * StarkBot's context assembly run on the real schema and repository, for the benchmark harness's {@code context}
 * section. It lives here, not in the harness, because {@link ContextAssembler} is package-private; the section times
 * its calls and decides what they mean.
 *
 * <p>StarkBot runs inside the harness's JVM without its web server: assembly has no door of its own to time from
 * outside, and a turn's figure would drown it in the model's time.
 */
public final class ContextAssemblyProbe implements AutoCloseable {

    private static final String TEXT = "A message of ordinary length, about the weather, the plans for the weekend and "
            + "the groceries that still need buying, written the way people write to an assistant. ";
    /** What the text above costs, stored with each row as StarkBot stores it when a message is written. */
    private static final int TOKENS = 60;

    private final ConfigurableApplicationContext spring;
    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final ContextAssembler assembler;
    private final String owner = UUID.randomUUID().toString();

    private ContextAssemblyProbe(ConfigurableApplicationContext spring) {
        this.spring = spring;
        this.jdbc = spring.getBean(JdbcTemplate.class);
        this.dataSource = spring.getBean(DataSource.class);
        this.assembler = spring.getBean(ContextAssembler.class);
        jdbc.update("INSERT INTO users (id, username, username_key, display_name, password_hash, role, status, "
                + "time_zone, locale, created_at) VALUES (?, ?, ?, 'Bench', 'x', 'user', 'active', 'UTC', 'en', 0)",
                owner, "bench-" + owner, "bench-" + owner);
    }

    /**
     * Starts StarkBot on a data directory of its own.
     *
     * @param database StarkBot's database arguments ({@code --starkbot.database.url=...}), empty for SQLite
     */
    public static ContextAssemblyProbe start(Path dataDir, List<String> database) {
        List<String> arguments = new ArrayList<>(List.of("--starkbot.data-dir=" + dataDir,
                "--logging.level.root=WARN", "--starkbot.jobs.threads=1",
                // with an admin, no set-up banner is printed into the harness's table
                "--starkbot.admin.username=owner", "--starkbot.admin.password=the benchmark owner's password"));
        arguments.addAll(database);
        return new ContextAssemblyProbe(new SpringApplicationBuilder(StarkBotApplication.class)
                .web(WebApplicationType.NONE).run(arguments.toArray(String[]::new)));
    }

    /** A new conversation of alternating user and assistant messages of ordinary length; its id. */
    public String fill(int size) {
        String conversation = UUID.randomUUID().toString();
        jdbc.update("INSERT INTO conversations (id, owner_id, platform, next_seq, input_tokens, output_tokens, "
                + "cost_micros, created_at, updated_at) VALUES (?, ?, 'web', ?, 0, 0, 0, 0, 0)", conversation, owner,
                size);
        String content = "[{\"type\":\"text\",\"text\":\"" + TEXT + "\"}]";
        List<Object[]> rows = new ArrayList<>();
        for (int seq = 0; seq < size; seq++) {
            rows.add(new Object[] {UUID.randomUUID().toString(), conversation, seq,
                    seq % 2 == 0 ? "user" : "assistant", content, TEXT, TOKENS, "complete", "web", seq});
            if (rows.size() == 5_000 || seq == size - 1) {
                jdbc.batchUpdate("INSERT INTO messages (id, conversation_id, seq, role, content, body, token_count, "
                        + "status, platform, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
                rows.clear();
            }
        }
        return conversation;
    }

    /** One turn's context assembly with a history budget of {@code budget} tokens: how many messages it held. */
    public int assemble(String conversation, int budget) {
        return assembler.assemble(conversation, 0, budget).size();
    }

    /**
     * The floor beside assembly: one raw JDBC query reading the newest {@code rows} messages of the conversation
     * down the same {@code (conversation_id, seq)} index, every column read as the repository reads them, but no
     * content decoded, no token counting and no paging. What assembly adds to it is StarkBot's own.
     */
    public void rawSelect(String conversation, int rows) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT " + MessageRepository.COLUMNS
                     + " FROM messages WHERE conversation_id = ? AND seq >= 0 AND role <> 'notice' "
                     + "ORDER BY seq DESC LIMIT ?")) {
            int columns = MessageRepository.COLUMNS.split(",").length;
            select.setString(1, conversation);
            select.setInt(2, rows);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    for (int column = 1; column <= columns; column++) {
                        result.getObject(column);
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        spring.close();
    }
}
