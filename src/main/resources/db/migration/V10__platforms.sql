-- Chat platforms. Every message received is recorded here before the platform is told it arrived, and every
-- message to send is recorded before it is sent, so that a crash or a lost connection loses nothing and a retry
-- sends nothing twice.
CREATE TABLE platform_inbox (
    id               VARCHAR(36)   NOT NULL PRIMARY KEY,
    platform         VARCHAR(32)   NOT NULL,
    account          VARCHAR(64)   NOT NULL,
    -- the platform's id of the update, unique per platform and account: a redelivered update is recorded once
    external_id      VARCHAR(128)  NOT NULL,
    -- platform:account:chat[:thread]; the messages of one chat are handled one at a time, in the order received
    chat_key         VARCHAR(400)  NOT NULL,
    -- the IncomingMessage as JSON
    message          TEXT          NOT NULL,
    -- pending, processing, done, ignored, failed
    status           VARCHAR(16)   NOT NULL,
    attempts         INTEGER       NOT NULL,
    lease_owner      VARCHAR(64),
    lease_until      BIGINT,
    -- the bot's message a streamed reply is being written into: a retry after a crash edits it instead of
    -- sending a second one
    draft_message_id VARCHAR(128),
    conversation_id  VARCHAR(36),
    error            VARCHAR(2000),
    received_at      BIGINT        NOT NULL,
    updated_at       BIGINT        NOT NULL,
    UNIQUE (platform, account, external_id)
);
CREATE INDEX platform_inbox_status ON platform_inbox (status, received_at);
CREATE INDEX platform_inbox_chat ON platform_inbox (chat_key, received_at);

CREATE TABLE platform_outbox (
    id                  VARCHAR(36)   NOT NULL PRIMARY KEY,
    platform            VARCHAR(32)   NOT NULL,
    chat_key            VARCHAR(400)  NOT NULL,
    -- unique: writing the same reply twice (a retried turn) stores it once
    idempotency_key     VARCHAR(200)  NOT NULL UNIQUE,
    -- send, or edit (of target_message_id)
    kind                VARCHAR(8)    NOT NULL,
    target_message_id   VARCHAR(128),
    -- the OutgoingMessage as JSON
    message             TEXT          NOT NULL,
    -- pending, sent, failed
    status              VARCHAR(16)   NOT NULL,
    attempts            INTEGER       NOT NULL,
    next_attempt_at     BIGINT        NOT NULL,
    lease_owner         VARCHAR(64),
    lease_until         BIGINT,
    external_message_id VARCHAR(128),
    error               VARCHAR(2000),
    created_at          BIGINT        NOT NULL,
    sent_at             BIGINT
);
CREATE INDEX platform_outbox_due ON platform_outbox (status, next_attempt_at);
CREATE INDEX platform_outbox_chat ON platform_outbox (chat_key, created_at);

-- Which conversation a chat (or a thread, or a person in a group) continues.
CREATE TABLE platform_routes (
    route_key       VARCHAR(500)  NOT NULL PRIMARY KEY,
    owner_id        VARCHAR(36)   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    conversation_id VARCHAR(36)   NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    updated_at      BIGINT        NOT NULL
);
