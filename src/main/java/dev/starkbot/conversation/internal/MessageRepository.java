package dev.starkbot.conversation.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.starkbot.ai.ContentBlock;
import dev.starkbot.conversation.Message;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Messages by conversation and sequence number; the (conversation_id, seq) unique index serves every read. */
@Repository
class MessageRepository {

    private static final TypeReference<List<ContentBlock>> BLOCKS = new TypeReference<>() {
    };
    static final String COLUMNS = """
            id, conversation_id, seq, role, content, body, token_count, status, model, input_tokens, output_tokens,
            cache_read_tokens, cache_write_tokens, cost_micros, platform, created_at""";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    MessageRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Message insert(String conversationId, long seq, String role, List<ContentBlock> content, int tokens,
                   String status, @Nullable String model, Message.@Nullable Usage usage, long costMicros,
                   String platform, long now) {
        return insert(conversationId, seq, role, content, tokens, status, model, usage, costMicros, platform, now,
                null);
    }

    /** @param key a person's message handed over more than once is stored once under its key (unique) */
    Message insert(String conversationId, long seq, String role, List<ContentBlock> content, int tokens,
                   String status, @Nullable String model, Message.@Nullable Usage usage, long costMicros,
                   String platform, long now, @Nullable String key) {
        String id = UUID.randomUUID().toString();
        boolean toolResults = content.stream().anyMatch(ContentBlock.ToolResult.class::isInstance);
        String text = toolResults ? "" : ContentBlock.plainText(content);
        jdbc.sql("""
                INSERT INTO messages (id, conversation_id, seq, role, content, body, token_count, status, model,
                    input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, cost_micros, platform,
                    created_at, message_key)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, conversationId, seq, role, json.writerFor(BLOCKS).writeValueAsString(content), text,
                        tokens, status, model,
                        usage == null ? null : usage.inputTokens(), usage == null ? null : usage.outputTokens(),
                        usage == null ? null : usage.cacheReadTokens(),
                        usage == null ? null : usage.cacheWriteTokens(), usage == null ? null : costMicros,
                        platform, now, key)
                .update();
        return new Message(id, conversationId, seq, role, content, text, tokens, status, model, usage, platform,
                now);
    }

    /** The message stored under a key, with every message after it, oldest first; empty if none has the key. */
    List<Message> fromKey(String conversationId, String key) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM messages WHERE conversation_id = ? AND seq >= "
                        + "(SELECT seq FROM messages WHERE conversation_id = ? AND message_key = ?) ORDER BY seq")
                .params(conversationId, conversationId, key).query(this::map).list();
    }

    /** A page of the history, newest first, before {@code beforeSeq}. */
    List<Message> page(String conversationId, long beforeSeq, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM messages WHERE conversation_id = ? AND seq < ? "
                        + "ORDER BY seq DESC LIMIT ?")
                .params(conversationId, beforeSeq, limit).query(this::map).list();
    }

    /** Messages a model may see (no notices) from {@code fromSeq} up to before {@code beforeSeq}, newest first. */
    List<Message> contextPage(String conversationId, long fromSeq, long beforeSeq, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM messages WHERE conversation_id = ? AND seq >= ? AND seq < ? "
                        + "AND role <> 'notice' ORDER BY seq DESC LIMIT ?")
                .params(conversationId, fromSeq, beforeSeq, limit).query(this::map).list();
    }

    /** Messages of a range, oldest first, for summarising. */
    List<Message> range(String conversationId, long fromSeq, long toSeq) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM messages WHERE conversation_id = ? AND seq >= ? AND seq <= ? "
                        + "AND role <> 'notice' ORDER BY seq")
                .params(conversationId, fromSeq, toSeq).query(this::map).list();
    }

    long tokensSince(String conversationId, long fromSeq) {
        return jdbc.sql("SELECT COALESCE(SUM(token_count), 0) FROM messages WHERE conversation_id = ? AND seq >= ? "
                        + "AND role <> 'notice'")
                .params(conversationId, fromSeq).query(Long.class).single();
    }

    Message map(ResultSet rs, int row) throws SQLException {
        long input = rs.getLong("input_tokens");
        Message.Usage usage = rs.wasNull() ? null : new Message.Usage(input, rs.getLong("output_tokens"),
                rs.getLong("cache_read_tokens"), rs.getLong("cache_write_tokens"),
                rs.getLong("cost_micros") / 1_000_000.0);
        return new Message(rs.getString("id"), rs.getString("conversation_id"), rs.getLong("seq"),
                rs.getString("role"), json.readValue(rs.getString("content"), BLOCKS), rs.getString("body"),
                rs.getInt("token_count"), rs.getString("status"), rs.getString("model"), usage,
                rs.getString("platform"), rs.getLong("created_at"));
    }
}
