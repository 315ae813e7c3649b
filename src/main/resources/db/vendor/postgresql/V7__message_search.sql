-- Full-text search of message bodies: a generated tsvector with the 'simple' configuration (no stemming, as FTS5
-- on SQLite, so both databases find the same messages) and a GIN index.
ALTER TABLE messages ADD COLUMN body_search tsvector GENERATED ALWAYS AS (to_tsvector('simple', body)) STORED;
CREATE INDEX messages_body_search ON messages USING GIN (body_search);
