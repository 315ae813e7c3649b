-- The states of Discord install links waiting for Discord to send the owner back (/oauth2/discord/callback). A
-- state is the callback's only credential (a browser redirect carries no bearer token), so only its SHA-256 is
-- kept; it lives here rather than in memory because Discord may send the owner back to another instance.
CREATE TABLE discord_install_states (
    state_hash  VARCHAR(64)   NOT NULL PRIMARY KEY,
    -- the admin who asked for the link, named in the audit log when the bot is added
    user_id     VARCHAR(36)   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    username    VARCHAR(64)   NOT NULL,
    created_at  BIGINT        NOT NULL,
    expires_at  BIGINT        NOT NULL
);
CREATE INDEX discord_install_states_expiry ON discord_install_states (expires_at);
