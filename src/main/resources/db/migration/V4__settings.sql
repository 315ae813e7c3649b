-- Runtime settings. id is owner_id + '/' + setting_key; owner_id is '' for a global setting.
CREATE TABLE settings (
    id           VARCHAR(170)  NOT NULL PRIMARY KEY,
    owner_id     VARCHAR(36)   NOT NULL,
    setting_key  VARCHAR(128)  NOT NULL,
    -- the value as text; NULL for a secret, which lives only in sealed_value
    value        VARCHAR(4000),
    -- a secret, sealed (base64 AES-256-GCM) with associated data 'settings:' + id
    sealed_value VARCHAR(8000),
    -- for a secret: its last 4 characters, the only part ever shown again
    hint         VARCHAR(8),
    updated_at   BIGINT        NOT NULL,
    updated_by   VARCHAR(36)   NOT NULL
);
CREATE INDEX settings_owner ON settings (owner_id);
