-- One row describing this installation. Instants are stored as BIGINT milliseconds since the epoch (UTC) in
-- every table: the one representation that sorts, compares and round-trips identically on SQLite and PostgreSQL.
CREATE TABLE installation (
    id          VARCHAR(36)  NOT NULL PRIMARY KEY,
    created_at  BIGINT       NOT NULL,
    created_by  VARCHAR(64)  NOT NULL
);
