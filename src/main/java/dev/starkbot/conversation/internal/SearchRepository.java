package dev.starkbot.conversation.internal;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.starkbot.database.Database;
import dev.starkbot.database.DatabaseKind;

/**
 * Full-text search of one person's messages: FTS5 on SQLite, a tsvector with a GIN index on PostgreSQL (both without
 * stemming, so they find the same messages). Every word must occur; the person's words are quoted so that FTS5's
 * query syntax ({@code NEAR}, {@code *}, {@code -}) in a search box cannot cause errors.
 */
@Repository
class SearchRepository {

    private static final String SQLITE = """
            SELECT m.id AS message_id, m.conversation_id, c.title, m.seq, m.role, m.created_at,
                snippet(messages_fts, 0, '[', ']', '…', 16) AS snippet
            FROM messages_fts JOIN messages m ON m.rowid = messages_fts.rowid
                JOIN conversations c ON c.id = m.conversation_id
            WHERE messages_fts MATCH ? AND c.owner_id = ?
            ORDER BY bm25(messages_fts), m.created_at DESC LIMIT ?""";
    private static final String POSTGRESQL = """
            SELECT m.id AS message_id, m.conversation_id, c.title, m.seq, m.role, m.created_at,
                ts_headline('simple', m.body, q, 'StartSel=[, StopSel=], MaxWords=24, MinWords=8') AS snippet
            FROM messages m JOIN conversations c ON c.id = m.conversation_id, plainto_tsquery('simple', ?) q
            WHERE m.body_search @@ q AND c.owner_id = ?
            ORDER BY ts_rank(m.body_search, q) DESC, m.created_at DESC LIMIT ?""";

    private final JdbcClient jdbc;
    private final boolean postgres;

    SearchRepository(JdbcClient jdbc, Database database) {
        this.jdbc = jdbc;
        this.postgres = database.kind() == DatabaseKind.POSTGRESQL;
    }

    record Hit(String messageId, String conversationId, @Nullable String title, long seq, String role,
               long createdAt, String snippet) {
    }

    List<Hit> search(String ownerId, String query, int limit) {
        // control characters (NUL above all) are refused by both databases' query parsers; they are never words
        String clean = query.replaceAll("\\p{Cntrl}", " ");
        String terms = postgres ? clean : ftsQuery(clean);
        if (terms.isBlank()) {
            return List.of();
        }
        return jdbc.sql(postgres ? POSTGRESQL : SQLITE).params(terms, ownerId, limit).query(Hit.class).list();
    }

    /** Each word as an FTS5 string, quotes doubled; together they must all match. */
    static String ftsQuery(String query) {
        StringBuilder fts = new StringBuilder();
        for (String word : query.trim().split("\\s+")) {
            if (!word.isEmpty()) {
                fts.append(fts.isEmpty() ? "" : " ").append('"').append(word.replace("\"", "\"\"")).append('"');
            }
        }
        return fts.toString();
    }
}
