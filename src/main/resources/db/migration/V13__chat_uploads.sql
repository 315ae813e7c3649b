-- Files a person attached in the web chat (POST /api/conversations/{id}/files). The file itself lives under
-- <data-dir>/files/uploads/<owner id>/; this row says whose it is and for which conversation, so that a message
-- can only name the caller's own uploads, and lets the housekeeping delete both after keep-uploads.
CREATE TABLE chat_uploads (
    id               VARCHAR(36)   NOT NULL PRIMARY KEY,
    owner_id         VARCHAR(36)   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    conversation_id  VARCHAR(36)   NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    -- the name as the browser gave it, shown to the person and the model
    file_name        VARCHAR(255)  NOT NULL,
    mime_type        VARCHAR(255)  NOT NULL,
    size_bytes       BIGINT        NOT NULL,
    -- relative to the data directory: files/uploads/<owner id>/<id>-<safe name>
    path             VARCHAR(512)  NOT NULL,
    created_at       BIGINT        NOT NULL
);
CREATE INDEX chat_uploads_owner ON chat_uploads (owner_id, conversation_id);
CREATE INDEX chat_uploads_created ON chat_uploads (created_at);
