-- A key for a person's message handed over more than once (a platform message retried after a crash): the first
-- hand-over stores it, a later one finds it and continues or replays that turn instead of storing it twice.
ALTER TABLE messages ADD COLUMN message_key VARCHAR(200);
CREATE UNIQUE INDEX messages_message_key ON messages (conversation_id, message_key);
