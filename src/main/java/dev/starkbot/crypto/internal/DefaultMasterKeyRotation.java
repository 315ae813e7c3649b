package dev.starkbot.crypto.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;

import dev.starkbot.crypto.CryptoException;
import dev.starkbot.crypto.MasterKeyRotation;
import dev.starkbot.crypto.spi.SealedColumn;
import dev.starkbot.shared.Secret;

/**
 * Rotation in one database transaction: every sealed value is opened with the current data key and sealed with a
 * new one, and the new data key is wrapped by the new master key. A new key file is written beside the old one as
 * {@code master.key.new} before the commit and renamed over it after; a crash in between is finished at the next
 * start ({@link Keyring}). The old key file is kept as {@code master.key.old} until the operator deletes it.
 */
@Component
class DefaultMasterKeyRotation implements MasterKeyRotation {

    private static final Logger log = LoggerFactory.getLogger(DefaultMasterKeyRotation.class);

    private final Keyring keyring;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final ObjectProvider<SealedColumn> columns;
    private final Clock clock;

    DefaultMasterKeyRotation(Keyring keyring, JdbcClient jdbc, TransactionTemplate transaction,
                             ObjectProvider<SealedColumn> columns, Clock clock) {
        this.keyring = keyring;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.columns = columns;
        this.clock = clock;
    }

    @Override
    public Map<String, Integer> rotate(@Nullable Secret newPassphrase) {
        byte[] salt = newPassphrase == null ? null : MasterKeySource.newSalt();
        Path pending = keyring.pending();
        MasterKey next;
        try {
            Files.deleteIfExists(pending);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        next = newPassphrase == null ? MasterKeySource.createFile(pending)
                : MasterKeySource.fromPassphrase(newPassphrase.reveal(), salt);
        KeysetHandle keyset = Keyring.newDataKeyset();
        Aead fresh;
        String wrapped;
        try {
            fresh = Keyring.aead(keyset);
            wrapped = Keyring.wrap(keyset, next);
        } catch (GeneralSecurityException e) {
            throw new CryptoException("Cannot create the new data key", e);
        }
        Map<String, Integer> counts = transaction.execute(status -> {
            Map<String, Integer> done = new LinkedHashMap<>();
            for (SealedColumn column : columns.orderedStream().toList()) {
                done.put(column.table() + "." + column.valueColumn(), reseal(column, fresh));
            }
            jdbc.sql("UPDATE crypto_keyring SET wrapped_keyset = ?, master_source = ?, kdf_salt = ?, "
                            + "rotated_at = ? WHERE id = ?")
                    .params(wrapped, next.kind(), salt == null ? null : HexFormat.of().formatHex(salt),
                            clock.millis(), Keyring.ROW)
                    .update();
            return done;
        });
        if (newPassphrase == null) {
            promote(pending);
        } else {
            log.warn("The data is now wrapped by the new STARKBOT_MASTER_KEY: set it before the next start");
        }
        keyring.replaceDataKey(fresh);
        return counts;
    }

    private int reseal(SealedColumn column, Aead fresh) {
        record Value(String id, String sealed) {
        }
        List<Value> values = jdbc.sql("SELECT " + column.idColumn() + ", " + column.valueColumn() + " FROM "
                        + column.table() + " WHERE " + column.valueColumn() + " IS NOT NULL")
                .query((rs, n) -> new Value(rs.getString(1), rs.getString(2))).list();
        for (Value value : values) {
            String ad = column.adPrefix() + value.id();
            String plain = keyring.open(value.sealed(), ad);
            String resealed;
            try {
                resealed = Base64.getEncoder().encodeToString(fresh.encrypt(
                        plain.getBytes(StandardCharsets.UTF_8), ad.getBytes(StandardCharsets.UTF_8)));
            } catch (GeneralSecurityException e) {
                throw new CryptoException("Could not re-seal a value of " + column.table(), e);
            }
            jdbc.sql("UPDATE " + column.table() + " SET " + column.valueColumn() + " = ? WHERE "
                    + column.idColumn() + " = ?").params(resealed, value.id()).update();
        }
        log.info("Re-encrypted {} value(s) of {}.{}", values.size(), column.table(), column.valueColumn());
        return values.size();
    }

    private void promote(Path pending) {
        Path current = keyring.keyFile();
        try {
            if (Files.exists(current)) {
                Files.move(current, current.resolveSibling(current.getFileName() + ".old"),
                        StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(pending, current, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("The database was re-encrypted, but moving " + pending + " to "
                    + current + " failed; the next start finishes it, or move it by hand", e);
        }
        log.info("New master key in {}; the previous one is kept as {}.old until you delete it", current,
                current.getFileName());
    }
}
