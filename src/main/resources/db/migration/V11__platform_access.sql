-- Who may talk to the bot on chat platforms. A linked identity makes a platform account one StarkBot user: one
-- person's Telegram, Discord and web login are one user, with that user's role and conversations.
CREATE TABLE platform_identities (
    platform          VARCHAR(32)   NOT NULL,
    -- the platform's own id of the person (Telegram's numeric user id, a Matrix @user:server), never their name,
    -- which they can change at will
    platform_user_id  VARCHAR(255)  NOT NULL,
    user_id           VARCHAR(36)   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- the name the platform showed when the identity was linked, to recognise it in the dashboard
    display_name      VARCHAR(128)  NOT NULL,
    linked_at         BIGINT        NOT NULL,
    PRIMARY KEY (platform, platform_user_id)
);
CREATE INDEX platform_identities_user ON platform_identities (user_id);

-- Codes given to unknown senders in pairing mode, waiting for an admin to approve them. Not secrets: an admin
-- reads them in the dashboard and the sender already has theirs; what matters is that only an admin approves one.
CREATE TABLE platform_pairings (
    code              VARCHAR(8)    NOT NULL PRIMARY KEY,
    platform          VARCHAR(32)   NOT NULL,
    sender_id         VARCHAR(255)  NOT NULL,
    sender_name       VARCHAR(128)  NOT NULL,
    -- where the code was asked for, so that the bot can tell the sender once they are approved
    chat_id           VARCHAR(255)  NOT NULL,
    created_at        BIGINT        NOT NULL,
    expires_at        BIGINT        NOT NULL,
    -- when the sender was last told the code: a stranger sending many messages is told about once in a while
    last_reminded_at  BIGINT        NOT NULL,
    -- one pending code per sender: two instances receiving their messages at once cannot issue two
    UNIQUE (platform, sender_id)
);
CREATE INDEX platform_pairings_expiry ON platform_pairings (expires_at);

-- Codes a signed-in user makes to link a platform account by sending /link CODE to the bot. They are bearer
-- credentials for a few minutes, so only their SHA-256 is kept.
CREATE TABLE platform_link_codes (
    code_hash   VARCHAR(64)  NOT NULL PRIMARY KEY,
    user_id     VARCHAR(36)  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  BIGINT       NOT NULL,
    expires_at  BIGINT       NOT NULL
);
CREATE INDEX platform_link_codes_user ON platform_link_codes (user_id, expires_at);
