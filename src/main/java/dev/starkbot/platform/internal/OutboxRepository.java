package dev.starkbot.platform.internal;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Messages to send, recorded before they are sent. A chat's messages go out one at a time in the order written, so
 * a reply split in three arrives in order even when the second part has to wait for a rate limit.
 */
@Repository
class OutboxRepository {

    private static final String COLUMNS = """
            id, platform, chat_key, idempotency_key, kind, target_message_id, message, attempts""";

    private final JdbcClient jdbc;

    OutboxRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param created strictly increasing within a chat (the order of sending)
     * @return false when a message with this key was written before: the same reply written twice is sent once
     */
    boolean insert(String platform, String chatKey, String key, String kind, @Nullable String target, String message,
                   long created) {
        return jdbc.sql("""
                INSERT INTO platform_outbox (id, platform, chat_key, idempotency_key, kind, target_message_id,
                    message, status, attempts, next_attempt_at, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)
                ON CONFLICT (idempotency_key) DO NOTHING""")
                .params(UUID.randomUUID().toString(), platform, chatKey, key, kind, target, message, created, created)
                .update() == 1;
    }

    /** The first unsent message of each chat, of the platforms running here, when it is due and nobody sends it. */
    List<Item> due(long now, int limit, java.util.Collection<String> platforms) {
        if (platforms.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + """
                 FROM platform_outbox o
                WHERE o.status = 'pending' AND o.platform IN (:platforms) AND o.next_attempt_at <= :now
                  AND (o.lease_until IS NULL OR o.lease_until < :now)
                  AND NOT EXISTS (SELECT 1 FROM platform_outbox p WHERE p.chat_key = o.chat_key
                                  AND p.status = 'pending' AND p.created_at < o.created_at)
                ORDER BY o.created_at LIMIT :limit""")
                .param("platforms", platforms).param("now", now).param("limit", limit).query(Item.class).list();
    }

    boolean claim(String id, String owner, long now, long leaseUntil) {
        return jdbc.sql("""
                UPDATE platform_outbox SET lease_owner = ?, lease_until = ?, attempts = attempts + 1
                WHERE id = ? AND status = 'pending' AND (lease_until IS NULL OR lease_until < ?)""")
                .params(owner, leaseUntil, id, now).update() == 1;
    }

    void sent(String id, @Nullable String externalMessageId, long now) {
        jdbc.sql("""
                UPDATE platform_outbox SET status = 'sent', external_message_id = ?, sent_at = ?, lease_owner = NULL,
                    lease_until = NULL, error = NULL
                WHERE id = ?""")
                .params(externalMessageId, now, id).update();
    }

    void retry(String id, long at, String error) {
        jdbc.sql("""
                UPDATE platform_outbox SET next_attempt_at = ?, error = ?, lease_owner = NULL, lease_until = NULL
                WHERE id = ?""")
                .params(at, Text.clip(error, 2000), id).update();
    }

    /** An edit whose message is gone becomes a new message. */
    void toSend(String id) {
        jdbc.sql("UPDATE platform_outbox SET kind = 'send', target_message_id = NULL, lease_owner = NULL, "
                + "lease_until = NULL WHERE id = ?").param(id).update();
    }

    void fail(String id, String error, long now) {
        jdbc.sql("""
                UPDATE platform_outbox SET status = 'failed', error = ?, sent_at = ?, lease_owner = NULL,
                    lease_until = NULL
                WHERE id = ?""")
                .params(Text.clip(error, 2000), now, id).update();
    }

    /**
     * The soonest time a message waiting for a retry becomes due, for the sender to sleep until. Messages already
     * due are not counted: they are being sent or wait behind their chat's first message, and the sender is woken
     * when a send ends.
     */
    @Nullable Long nextDue(long now, java.util.Collection<String> platforms) {
        if (platforms.isEmpty()) {
            return null;
        }
        return jdbc.sql("SELECT MIN(next_attempt_at) FROM platform_outbox WHERE status = 'pending' "
                        + "AND next_attempt_at > :now AND platform IN (:platforms)")
                .param("now", now).param("platforms", platforms).query(Long.class).optional().orElse(null);
    }

    int deleteFinishedBefore(long cutoff) {
        return jdbc.sql("DELETE FROM platform_outbox WHERE status IN ('sent', 'failed') AND sent_at < ?")
                .param(cutoff).update();
    }

    record Item(String id, String platform, String chatKey, String idempotencyKey, String kind,
                @Nullable String targetMessageId, String message, int attempts) {
    }
}
