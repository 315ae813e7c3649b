package dev.starkbot.database;

/** The two databases StarkBot runs on; SQL outside this module must work on both. */
public enum DatabaseKind {
    SQLITE,
    POSTGRESQL
}
