-- Accounts and access control. Secrets (password hashes aside) are never stored: session tokens, API keys,
-- invite codes are kept as SHA-256 hashes of 256-bit random values; passwords as Argon2id hashes.
CREATE TABLE users (
    id               VARCHAR(36)  NOT NULL PRIMARY KEY,
    username         VARCHAR(64)  NOT NULL,
    -- lower-cased username: "Alice" and "alice" are one account
    username_key     VARCHAR(64)  NOT NULL UNIQUE,
    display_name     VARCHAR(128) NOT NULL,
    password_hash    VARCHAR(255) NOT NULL,
    role             VARCHAR(16)  NOT NULL,
    -- active, pending (awaiting an admin's approval) or disabled
    status           VARCHAR(16)  NOT NULL,
    time_zone        VARCHAR(64)  NOT NULL,
    locale           VARCHAR(35)  NOT NULL,
    default_persona  VARCHAR(64),
    default_model    VARCHAR(128),
    created_at       BIGINT       NOT NULL,
    last_login_at    BIGINT
);

CREATE TABLE sessions (
    id            VARCHAR(36)  NOT NULL PRIMARY KEY,
    token_hash    VARCHAR(64)  NOT NULL UNIQUE,
    user_id       VARCHAR(36)  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- cookie (dashboard) or bearer (API clients)
    kind          VARCHAR(8)   NOT NULL,
    created_at    BIGINT       NOT NULL,
    last_seen_at  BIGINT       NOT NULL,
    expires_at    BIGINT       NOT NULL,
    ip            VARCHAR(64),
    user_agent    VARCHAR(255)
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_keys (
    id            VARCHAR(36)  NOT NULL PRIMARY KEY,
    key_hash      VARCHAR(64)  NOT NULL UNIQUE,
    -- the first characters of the key, shown in listings so that a person recognises it
    key_prefix    VARCHAR(16)  NOT NULL,
    user_id       VARCHAR(36)  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name          VARCHAR(100) NOT NULL,
    -- the widest role the key acts with: readonly, user or admin
    scope         VARCHAR(16)  NOT NULL,
    created_at    BIGINT       NOT NULL,
    expires_at    BIGINT,
    last_used_at  BIGINT,
    revoked_at    BIGINT
);
CREATE INDEX api_keys_user ON api_keys (user_id);

CREATE TABLE invites (
    id          VARCHAR(36)  NOT NULL PRIMARY KEY,
    code_hash   VARCHAR(64)  NOT NULL UNIQUE,
    role        VARCHAR(16)  NOT NULL,
    created_by  VARCHAR(36)  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  BIGINT       NOT NULL,
    expires_at  BIGINT       NOT NULL,
    used_at     BIGINT,
    used_by     VARCHAR(36)  REFERENCES users (id) ON DELETE SET NULL
);

-- Failed logins per account name and per client address, for growing delays. Keyed by the name as typed, so
-- that unknown and known usernames are throttled alike.
CREATE TABLE login_throttle (
    throttle_key     VARCHAR(200) NOT NULL PRIMARY KEY,
    failures         INTEGER      NOT NULL,
    last_failure_at  BIGINT       NOT NULL,
    blocked_until    BIGINT       NOT NULL
);

CREATE TABLE audit_events (
    id          VARCHAR(36)   NOT NULL PRIMARY KEY,
    at          BIGINT        NOT NULL,
    type        VARCHAR(64)   NOT NULL,
    actor_id    VARCHAR(36),
    actor_name  VARCHAR(64),
    target      VARCHAR(200),
    ip          VARCHAR(64),
    details     VARCHAR(2000)
);
CREATE INDEX audit_events_at ON audit_events (at);
