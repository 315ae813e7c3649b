package dev.starkbot.conversation.internal;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Files attached in the web chat, always read through their owner and conversation: another's id finds nothing. */
@Repository
class UploadRepository {

    private static final String COLUMNS = "id, file_name, mime_type, size_bytes AS size, path";

    private final JdbcClient jdbc;

    UploadRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String ownerId, String conversationId, Upload upload, long now) {
        jdbc.sql("""
                INSERT INTO chat_uploads (id, owner_id, conversation_id, file_name, mime_type, size_bytes, path,
                    created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(upload.id(), ownerId, conversationId, upload.fileName(), upload.mimeType(), upload.size(),
                        upload.path(), now).update();
    }

    Optional<Upload> find(String ownerId, String conversationId, String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM chat_uploads WHERE id = ? AND owner_id = ? "
                        + "AND conversation_id = ?")
                .params(id, ownerId, conversationId).query(Upload.class).optional();
    }

    /** The bytes a person's uploads take now. */
    long totalBytes(String ownerId) {
        return jdbc.sql("SELECT COALESCE(SUM(size_bytes), 0) FROM chat_uploads WHERE owner_id = ?").param(ownerId)
                .query(Long.class).single();
    }

    /** The oldest rows created before {@code cutoff}, a bounded batch at a time. */
    List<Upload> olderThan(long cutoff, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM chat_uploads WHERE created_at < ? ORDER BY created_at LIMIT ?")
                .params(cutoff, limit).query(Upload.class).list();
    }

    void delete(String id) {
        jdbc.sql("DELETE FROM chat_uploads WHERE id = ?").param(id).update();
    }
}
