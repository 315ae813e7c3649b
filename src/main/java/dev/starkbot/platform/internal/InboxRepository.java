package dev.starkbot.platform.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Messages received, kept until answered. A chat's messages are handled one at a time, oldest first; an instance
 * works on one under a lease, renewed while the turn runs, so that when it dies another (or its successor) takes
 * the message over once the lease runs out.
 */
@Repository
class InboxRepository {

    private final JdbcClient jdbc;

    InboxRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return false when the message was recorded before (a redelivery) */
    boolean insert(String platform, String account, String externalId, String chatKey, String message, long now) {
        // ON CONFLICT rather than catching the violation: SQLite's driver reports it untranslated
        return jdbc.sql("""
                INSERT INTO platform_inbox (id, platform, account, external_id, chat_key, message, status, attempts,
                    received_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)
                ON CONFLICT (platform, account, external_id) DO NOTHING""")
                .params(UUID.randomUUID().toString(), platform, account, externalId, chatKey, message, now, now)
                .update() == 1;
    }

    /**
     * Messages that may be worked on now: the oldest unfinished message of each chat, when it is pending (and not
     * put off) or its lease ran out, of the platforms running on this instance (another instance, where Telegram is
     * off, must not take Telegram's messages).
     */
    List<Ready> ready(long now, int limit, java.util.Collection<String> platforms) {
        if (platforms.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                SELECT i.id, i.chat_key FROM platform_inbox i
                WHERE i.status IN ('pending', 'processing') AND i.platform IN (:platforms)
                  AND (i.lease_until IS NULL OR i.lease_until < :now)
                  AND NOT EXISTS (SELECT 1 FROM platform_inbox o WHERE o.chat_key = i.chat_key
                                  AND o.status IN ('pending', 'processing') AND o.received_at < i.received_at)
                ORDER BY i.received_at LIMIT :limit""")
                .param("platforms", platforms).param("now", now).param("limit", limit).query(Ready.class).list();
    }

    /** Takes a message for this instance; false when another instance took it first. */
    boolean claim(String id, String owner, long now, long leaseUntil) {
        return jdbc.sql("""
                UPDATE platform_inbox SET status = 'processing', lease_owner = ?, lease_until = ?,
                    attempts = attempts + 1, updated_at = ?
                WHERE id = ? AND status IN ('pending', 'processing') AND (lease_until IS NULL OR lease_until < ?)""")
                .params(owner, leaseUntil, now, id, now).update() == 1;
    }

    /** Extends the lease while the turn runs; false when the message is no longer this instance's. */
    boolean renew(String id, String owner, long leaseUntil) {
        return jdbc.sql("UPDATE platform_inbox SET lease_until = ? WHERE id = ? AND lease_owner = ? "
                        + "AND status = 'processing'")
                .params(leaseUntil, id, owner).update() == 1;
    }

    Optional<Item> find(String id) {
        return jdbc.sql("""
                SELECT id, platform, account, external_id, chat_key, message, status, attempts, draft_message_id,
                    conversation_id, lease_owner
                FROM platform_inbox WHERE id = ?""")
                .param(id).query(Item.class).optional();
    }

    /** The message the reply is being streamed into, so that a retry edits it rather than sending another. */
    void draft(String id, String messageId) {
        jdbc.sql("UPDATE platform_inbox SET draft_message_id = ? WHERE id = ?").params(messageId, id).update();
    }

    /**
     * Ends a message's handling by the instance holding its lease.
     *
     * @return false when another instance took it over meanwhile: this one's answer must not be kept
     */
    boolean finishHeld(String id, String owner, String status, @Nullable String error, long now) {
        return jdbc.sql("""
                UPDATE platform_inbox SET status = ?, error = ?, lease_owner = NULL, lease_until = NULL,
                    updated_at = ?
                WHERE id = ? AND lease_owner = ? AND status = 'processing'""")
                .params(status, error == null ? null : Text.clip(error, 2000), now, id, owner).update() == 1;
    }

    void conversation(String id, String conversationId) {
        jdbc.sql("UPDATE platform_inbox SET conversation_id = ? WHERE id = ?").params(conversationId, id).update();
    }

    /** Ends a message's handling: {@code done}, {@code ignored} or {@code failed}. */
    void finish(String id, String status, @Nullable String error, long now) {
        jdbc.sql("""
                UPDATE platform_inbox SET status = ?, error = ?, lease_owner = NULL, lease_until = NULL,
                    updated_at = ?
                WHERE id = ?""")
                .params(status, error == null ? null : Text.clip(error, 2000), now, id).update();
    }

    /**
     * Gives a message back to be tried again, not before {@code notBefore}.
     *
     * @param counted false when the attempt should not count (the conversation was busy: nothing failed)
     */
    void putOff(String id, long notBefore, String why, long now, boolean counted) {
        jdbc.sql("""
                UPDATE platform_inbox SET status = 'pending', lease_owner = NULL, lease_until = ?, error = ?,
                    updated_at = ?, attempts = attempts - ?
                WHERE id = ?""")
                .params(notBefore, Text.clip(why, 2000), now, counted ? 0 : 1, id).update();
    }

    int deleteFinishedBefore(long cutoff) {
        return jdbc.sql("DELETE FROM platform_inbox WHERE status IN ('done', 'ignored', 'failed') "
                        + "AND updated_at < ?")
                .param(cutoff).update();
    }

    record Ready(String id, String chatKey) {
    }

    /**
     * The message JSON of each chat's newest record since {@code since}, newest chats first. A window function, which
     * SQLite (3.25+) and PostgreSQL both have: one pass over the platform's recent records.
     */
    List<String> latestPerChat(String platform, String account, long since, int maxChats) {
        return jdbc.sql("""
                SELECT message FROM (
                    SELECT message, received_at,
                        ROW_NUMBER() OVER (PARTITION BY chat_key ORDER BY received_at DESC) AS newest
                    FROM platform_inbox WHERE platform = ? AND account = ? AND received_at >= ?) latest
                WHERE newest = 1 ORDER BY received_at DESC LIMIT ?""")
                .params(platform, account, since, maxChats).query(String.class).list();
    }

    record Item(String id, String platform, String account, String externalId, String chatKey, String message,
                String status, int attempts, @Nullable String draftMessageId, @Nullable String conversationId,
                @Nullable String leaseOwner) {
    }
}
