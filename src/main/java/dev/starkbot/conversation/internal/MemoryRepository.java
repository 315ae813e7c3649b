package dev.starkbot.conversation.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Summaries and pinned facts: what a conversation remembers beyond the messages in its context window. */
@Repository
class MemoryRepository {

    private final JdbcClient jdbc;

    MemoryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Summary(String id, String conversationId, long fromSeq, long toSeq, String body, int tokenCount,
                   @Nullable String model, String status, long createdAt) {
    }

    record Fact(String id, @Nullable String conversationId, String body, long createdAt) {
    }

    /** The summary in force: the newest not undone. A newer summary always covers its predecessor's range. */
    Optional<Summary> activeSummary(String conversationId) {
        return jdbc.sql("SELECT * FROM conversation_summaries WHERE conversation_id = ? AND status = 'active' "
                        + "ORDER BY to_seq DESC, created_at DESC LIMIT 1")
                .param(conversationId).query(Summary.class).optional();
    }

    /** Where automatic summarising looks from: past every summary, undone ones too, so an undo is respected. */
    long summarisedUpTo(String conversationId) {
        return jdbc.sql("SELECT COALESCE(MAX(to_seq), -1) FROM conversation_summaries WHERE conversation_id = ?")
                .param(conversationId).query(Long.class).single();
    }

    List<Summary> summaries(String conversationId) {
        return jdbc.sql("SELECT * FROM conversation_summaries WHERE conversation_id = ? ORDER BY created_at DESC")
                .param(conversationId).query(Summary.class).list();
    }

    Summary addSummary(String conversationId, long fromSeq, long toSeq, String body, int tokens, String model,
                       long now) {
        String id = UUID.randomUUID().toString();
        jdbc.sql("""
                INSERT INTO conversation_summaries (id, conversation_id, from_seq, to_seq, body, token_count, model,
                    status, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'active', ?)""")
                .params(id, conversationId, fromSeq, toSeq, body, tokens, model, now).update();
        return new Summary(id, conversationId, fromSeq, toSeq, body, tokens, model, "active", now);
    }

    boolean undo(String conversationId, String summaryId) {
        return jdbc.sql("UPDATE conversation_summaries SET status = 'undone' WHERE id = ? AND conversation_id = ? "
                + "AND status = 'active'").params(summaryId, conversationId).update() == 1;
    }

    /** The owner's facts for every conversation, and this conversation's own. */
    List<Fact> facts(String ownerId, @Nullable String conversationId) {
        return jdbc.sql("SELECT id, conversation_id, body, created_at FROM pinned_facts WHERE owner_id = ? "
                        + "AND (conversation_id IS NULL OR conversation_id = ?) ORDER BY created_at")
                .params(ownerId, conversationId == null ? "" : conversationId).query(Fact.class).list();
    }

    int countFacts(String ownerId) {
        return jdbc.sql("SELECT COUNT(*) FROM pinned_facts WHERE owner_id = ?").param(ownerId)
                .query(Integer.class).single();
    }

    Fact addFact(String ownerId, @Nullable String conversationId, String body, long now) {
        String id = UUID.randomUUID().toString();
        jdbc.sql("INSERT INTO pinned_facts (id, owner_id, conversation_id, body, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(id, ownerId, conversationId, body, now).update();
        return new Fact(id, conversationId, body, now);
    }

    boolean deleteFact(String ownerId, String id) {
        return jdbc.sql("DELETE FROM pinned_facts WHERE id = ? AND owner_id = ?").params(id, ownerId).update() == 1;
    }
}
