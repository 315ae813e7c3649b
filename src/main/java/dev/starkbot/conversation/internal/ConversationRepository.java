package dev.starkbot.conversation.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.starkbot.conversation.Conversation;

/** Conversations, always read through their owner: another person's id finds nothing. */
@Repository
class ConversationRepository {

    private static final String COLUMNS = """
            id, title, persona_id, model, platform, next_seq AS messages, input_tokens, output_tokens,
            cost_micros / 1000000.0 AS cost_usd, created_at, updated_at""";

    private final JdbcClient jdbc;

    ConversationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Conversation create(String ownerId, @Nullable String title, @Nullable String personaId, @Nullable String model,
                        String platform, long now) {
        String id = UUID.randomUUID().toString();
        jdbc.sql("""
                INSERT INTO conversations (id, owner_id, title, persona_id, model, platform, next_seq, input_tokens,
                    output_tokens, cost_micros, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, 0, 0, 0, 0, ?, ?)""")
                .params(id, ownerId, title, personaId, model, platform, now, now).update();
        return find(ownerId, id).orElseThrow();
    }

    Optional<Conversation> find(String ownerId, String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM conversations WHERE id = ? AND owner_id = ?")
                .params(id, ownerId).query(Conversation.class).optional();
    }

    List<Conversation> list(String ownerId, int limit, int offset) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM conversations WHERE owner_id = ? "
                        + "ORDER BY updated_at DESC, id LIMIT ? OFFSET ?")
                .params(ownerId, limit, offset).query(Conversation.class).list();
    }

    boolean update(String ownerId, String id, @Nullable String title, @Nullable String personaId,
                   @Nullable String model, long now) {
        return jdbc.sql("UPDATE conversations SET title = ?, persona_id = ?, model = ?, updated_at = ? "
                        + "WHERE id = ? AND owner_id = ?")
                .params(title, personaId, model, now, id, ownerId).update() == 1;
    }

    /** Sets the title only if none was set meanwhile: a person's own title beats a generated one. */
    boolean setTitleIfEmpty(String id, String title) {
        return jdbc.sql("UPDATE conversations SET title = ? WHERE id = ? AND title IS NULL")
                .params(title, id).update() == 1;
    }

    int count(String ownerId) {
        return jdbc.sql("SELECT COUNT(*) FROM conversations WHERE owner_id = ?").param(ownerId).query(Integer.class)
                .single();
    }

    boolean delete(String ownerId, String id) {
        return jdbc.sql("DELETE FROM conversations WHERE id = ? AND owner_id = ?").params(id, ownerId).update() == 1;
    }

    /**
     * Takes the next sequence number. A single UPDATE ... RETURNING is atomic on both databases, so two writers
     * can never get the same number.
     */
    long nextSeq(String id, long now) {
        return jdbc.sql("UPDATE conversations SET next_seq = next_seq + 1, updated_at = ? WHERE id = ? "
                        + "RETURNING next_seq")
                .params(now, id).query(Long.class).single() - 1;
    }

    void addUsage(String id, long input, long output, long costMicros) {
        jdbc.sql("UPDATE conversations SET input_tokens = input_tokens + ?, output_tokens = output_tokens + ?, "
                + "cost_micros = cost_micros + ? WHERE id = ?").params(input, output, costMicros, id).update();
    }

    Optional<String> owner(String id) {
        return jdbc.sql("SELECT owner_id FROM conversations WHERE id = ?").param(id).query(String.class).optional();
    }
}
