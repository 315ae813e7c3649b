-- Conversations, their messages, summaries, pinned facts, personas and usage. Raw messages are never deleted
-- by summarising: a summary covers a range of them and can be undone.
CREATE TABLE personas (
    id             VARCHAR(36)   NOT NULL PRIMARY KEY,
    owner_id       VARCHAR(36)   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name           VARCHAR(64)   NOT NULL,
    system_prompt  VARCHAR(20000) NOT NULL,
    model          VARCHAR(200),
    temperature    DOUBLE PRECISION,
    -- JSON array of tool names; null means every tool
    allowed_tools  VARCHAR(4000),
    -- JSON object of custom template variables and their defaults
    variables      VARCHAR(8000) NOT NULL,
    created_at     BIGINT        NOT NULL,
    updated_at     BIGINT        NOT NULL,
    UNIQUE (owner_id, name)
);

CREATE TABLE conversations (
    id             VARCHAR(36)   NOT NULL PRIMARY KEY,
    owner_id       VARCHAR(36)   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title          VARCHAR(200),
    persona_id     VARCHAR(36)   REFERENCES personas (id) ON DELETE SET NULL,
    -- provider:model; null follows the persona's, then the user's, then the server's default
    model          VARCHAR(200),
    platform       VARCHAR(32)   NOT NULL,
    -- the next message's sequence number; messages are ordered by it, never by clock
    next_seq       BIGINT        NOT NULL,
    input_tokens   BIGINT        NOT NULL,
    output_tokens  BIGINT        NOT NULL,
    cost_micros    BIGINT        NOT NULL,
    created_at     BIGINT        NOT NULL,
    updated_at     BIGINT        NOT NULL
);
CREATE INDEX conversations_owner_updated ON conversations (owner_id, updated_at);

CREATE TABLE messages (
    id                 VARCHAR(36)  NOT NULL PRIMARY KEY,
    conversation_id    VARCHAR(36)  NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    seq                BIGINT       NOT NULL,
    -- user, assistant, or notice (shown to people, never sent to a model)
    role               VARCHAR(16)  NOT NULL,
    -- JSON array of content blocks (text, tool_use, tool_result)
    content            TEXT         NOT NULL,
    -- the plain text, for search and listings
    body               TEXT         NOT NULL,
    -- tokens this message takes in a context; counted by the provider or estimated
    token_count        INTEGER      NOT NULL,
    -- complete, interrupted (stream broke or was stopped; the text so far is kept) or failed
    status             VARCHAR(16)  NOT NULL,
    model              VARCHAR(200),
    input_tokens       BIGINT,
    output_tokens      BIGINT,
    cache_read_tokens  BIGINT,
    cache_write_tokens BIGINT,
    cost_micros        BIGINT,
    platform           VARCHAR(32)  NOT NULL,
    created_at         BIGINT       NOT NULL,
    UNIQUE (conversation_id, seq)
);

CREATE TABLE conversation_summaries (
    id               VARCHAR(36)  NOT NULL PRIMARY KEY,
    conversation_id  VARCHAR(36)  NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    -- the messages it stands for, inclusive; a newer summary covers the older one's range as well
    from_seq         BIGINT       NOT NULL,
    to_seq           BIGINT       NOT NULL,
    body             TEXT         NOT NULL,
    token_count      INTEGER      NOT NULL,
    model            VARCHAR(200),
    -- active or undone
    status           VARCHAR(16)  NOT NULL,
    created_at       BIGINT       NOT NULL
);
CREATE INDEX conversation_summaries_conversation ON conversation_summaries (conversation_id, to_seq);

CREATE TABLE pinned_facts (
    id               VARCHAR(36)   NOT NULL PRIMARY KEY,
    owner_id         VARCHAR(36)   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- null: in every conversation of the owner
    conversation_id  VARCHAR(36)   REFERENCES conversations (id) ON DELETE CASCADE,
    body             VARCHAR(2000) NOT NULL,
    created_at       BIGINT        NOT NULL
);
CREATE INDEX pinned_facts_owner ON pinned_facts (owner_id);

-- Usage summed per user, day (UTC), provider and model: budgets and charts read this small table, not messages.
CREATE TABLE usage_daily (
    user_id            VARCHAR(36)  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    day                VARCHAR(10)  NOT NULL,
    model              VARCHAR(200) NOT NULL,
    requests           BIGINT       NOT NULL,
    input_tokens       BIGINT       NOT NULL,
    output_tokens      BIGINT       NOT NULL,
    cache_read_tokens  BIGINT       NOT NULL,
    cache_write_tokens BIGINT       NOT NULL,
    cost_micros        BIGINT       NOT NULL,
    PRIMARY KEY (user_id, day, model)
);

-- A user's own token budgets, set by an admin; without a row the configured defaults apply.
CREATE TABLE usage_budgets (
    user_id        VARCHAR(36)  NOT NULL PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    daily_tokens   BIGINT,
    monthly_tokens BIGINT,
    updated_at     BIGINT       NOT NULL
);
