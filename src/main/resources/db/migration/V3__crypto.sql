-- The data key that seals every secret, itself encrypted (wrapped) by the master key, which is never stored here.
CREATE TABLE crypto_keyring (
    id             VARCHAR(32)   NOT NULL PRIMARY KEY,
    -- base64 of the Tink keyset encrypted with the master key
    wrapped_keyset VARCHAR(4000) NOT NULL,
    -- how the master key is obtained: 'file' or 'passphrase' (Argon2id with the salt below)
    master_source  VARCHAR(16)   NOT NULL,
    kdf_salt       VARCHAR(64),
    created_at     BIGINT        NOT NULL,
    rotated_at     BIGINT
);
