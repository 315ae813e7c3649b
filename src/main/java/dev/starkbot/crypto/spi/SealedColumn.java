package dev.starkbot.crypto.spi;

/**
 * A column holding values sealed with {@code SecretCipher}, declared as a bean by the module that owns the table.
 * Rotation re-encrypts every row: it opens each value with associated data {@code adPrefix + id} and seals it again.
 * Names are compile-time constants of the declaring module, never user input.
 */
public record SealedColumn(String table, String idColumn, String valueColumn, String adPrefix) {

    public SealedColumn {
        for (String name : new String[] {table, idColumn, valueColumn}) {
            if (!name.matches("[a-z_][a-z0-9_]*")) {
                throw new IllegalArgumentException("Not a plain SQL name: " + name);
            }
        }
    }
}
