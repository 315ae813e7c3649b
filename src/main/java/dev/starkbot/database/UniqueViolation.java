package dev.starkbot.database;

import java.sql.SQLException;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Tells whether a failed write broke a unique constraint, on either database. PostgreSQL's driver reports SQL state
 * 23505, which Spring translates to {@link DuplicateKeyException}; SQLite's driver reports no SQL state and only the
 * generic error code 19 (any constraint), the precise one being its extended result code.
 */
public final class UniqueViolation {

    private UniqueViolation() {
    }

    public static boolean is(DataAccessException e) {
        if (e instanceof DuplicateKeyException) {
            return true;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException sqlite) {
                return sqlite.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE
                        || sqlite.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY;
            }
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
