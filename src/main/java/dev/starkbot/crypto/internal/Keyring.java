package dev.starkbot.crypto.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;

import dev.starkbot.crypto.CryptoException;
import dev.starkbot.crypto.CryptoProperties;
import dev.starkbot.crypto.MasterKeyMismatchException;
import dev.starkbot.crypto.SecretCipher;
import dev.starkbot.shared.StarkBotProperties;

/**
 * Holds the data key in memory. On first start it creates the data keyset (AES-256-GCM) and stores it wrapped by
 * the master key; on later starts it unwraps it, and a master key that does not fit stops start-up before anything
 * is written. Loading happens in the constructor, so a wrong key fails the start, not the first request.
 */
@Component
class Keyring implements SecretCipher {

    private static final Logger log = LoggerFactory.getLogger(Keyring.class);
    static final String ROW = "data-key";
    static final byte[] KEYSET_AD = "starkbot:crypto_keyring:data-key".getBytes(StandardCharsets.UTF_8);

    private final JdbcClient jdbc;
    private final CryptoProperties properties;
    private final Path keyFile;
    private final Clock clock;
    private volatile Aead data;

    Keyring(JdbcClient jdbc, CryptoProperties properties, StarkBotProperties starkbot, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.keyFile = properties.masterKeyFile() != null ? properties.masterKeyFile()
                : starkbot.dataDir().resolve("master.key");
        this.clock = clock;
        this.data = load();
    }

    @Override
    public String seal(String plaintext, String associatedData) {
        try {
            byte[] sealed = data.encrypt(plaintext.getBytes(StandardCharsets.UTF_8),
                    associatedData.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(sealed);
        } catch (GeneralSecurityException e) {
            throw new CryptoException("Could not seal a secret", e);
        }
    }

    @Override
    public String open(String sealed, String associatedData) {
        try {
            byte[] plain = data.decrypt(Base64.getDecoder().decode(sealed),
                    associatedData.getBytes(StandardCharsets.UTF_8));
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new CryptoException("A stored secret could not be opened (wrong place or damaged)", e);
        }
    }

    Path keyFile() {
        return keyFile;
    }

    void replaceDataKey(Aead replacement) {
        this.data = replacement;
    }

    static KeysetHandle newDataKeyset() {
        try {
            AeadConfig.register();
            return KeysetHandle.newBuilder().addEntry(KeysetHandle
                    .generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM).withRandomId().makePrimary())
                    .build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot create a data key", e);
        }
    }

    static Aead aead(KeysetHandle keyset) throws GeneralSecurityException {
        return keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
    }

    private @Nullable String passphrase() {
        return properties.masterKey() == null || properties.masterKey().isBlank() ? null
                : properties.masterKey().reveal();
    }

    private Aead load() {
        record Row(String wrapped, String source, @Nullable String salt) {
        }
        Row row = jdbc.sql("SELECT wrapped_keyset, master_source, kdf_salt FROM crypto_keyring WHERE id = ?")
                .param(ROW).query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3)))
                .optional().orElse(null);
        try {
            if (row == null) {
                return create();
            }
            byte[] salt = row.salt() == null ? null : HexFormat.of().parseHex(row.salt());
            MasterKey master = existingMaster(salt);
            try {
                Aead aead = aead(unwrap(row.wrapped(), master));
                if (properties.masterKey() == null && !Files.exists(keyFile) && Files.exists(pending())) {
                    Files.move(pending(), keyFile, StandardCopyOption.ATOMIC_MOVE);
                    log.warn("Finished an interrupted master key rotation: {} is now the key file", keyFile);
                }
                return aead;
            } catch (GeneralSecurityException e) {
                Aead finished = finishInterruptedRotation(row.wrapped());
                if (finished != null) {
                    return finished;
                }
                throw new MasterKeyMismatchException(master.source(), e);
            }
        } catch (GeneralSecurityException | IOException e) {
            throw new CryptoException("Cannot load the data key", e);
        }
    }

    /**
     * The master key for data that already exists. Unlike at the first start, nothing is created here: a missing
     * key file means the data cannot be opened, and making a new key would only hide that.
     */
    private MasterKey existingMaster(@Nullable byte[] salt) {
        String passphrase = passphrase();
        if (passphrase != null) {
            // Data wrapped by a key file has no salt: a fresh one makes a key that cannot fit, which is the truth.
            return MasterKeySource.fromPassphrase(passphrase, salt != null ? salt : MasterKeySource.newSalt());
        }
        MasterKey fromFile = MasterKeySource.fromFile(keyFile);
        if (fromFile != null) {
            return fromFile;
        }
        MasterKey pending = MasterKeySource.fromFile(pending());
        if (pending != null) {
            return pending;
        }
        throw new MasterKeyMismatchException("the missing key file " + keyFile + (salt != null
                ? " (this data was set up with STARKBOT_MASTER_KEY, which is not set)" : ""),
                new IllegalStateException("key file missing"));
    }

    private Aead create() throws GeneralSecurityException {
        String passphrase = passphrase();
        byte[] salt = passphrase != null ? MasterKeySource.newSalt() : null;
        MasterKey existing = passphrase != null ? null : MasterKeySource.fromFile(keyFile);
        MasterKey master = passphrase != null ? MasterKeySource.fromPassphrase(passphrase, salt)
                : existing != null ? existing : MasterKeySource.createFile(keyFile);
        KeysetHandle keyset = newDataKeyset();
        jdbc.sql("INSERT INTO crypto_keyring (id, wrapped_keyset, master_source, kdf_salt, created_at) "
                        + "VALUES (?,?,?,?,?)")
                .params(ROW, wrap(keyset, master), master.kind(), salt == null ? null : HexFormat.of().formatHex(salt),
                        clock.millis())
                .update();
        log.info("Created the data key that seals secrets, wrapped by {}", master.source());
        return aead(keyset);
    }

    /** The keyset is serialised by Tink and encrypted with the master key here, which is what Tink's own
     *  (now deprecated) encrypted-keyset helpers did. */
    static KeysetHandle unwrap(String wrapped, MasterKey master) throws GeneralSecurityException {
        byte[] serialized = master.aead().decrypt(Base64.getDecoder().decode(wrapped), KEYSET_AD);
        return TinkProtoKeysetFormat.parseKeyset(serialized, InsecureSecretKeyAccess.get(),
                RegistryConfiguration.get());
    }

    static String wrap(KeysetHandle keyset, MasterKey master) throws GeneralSecurityException {
        byte[] serialized = TinkProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get(),
                RegistryConfiguration.get());
        return Base64.getEncoder().encodeToString(master.aead().encrypt(serialized, KEYSET_AD));
    }

    /** Where rotation writes the next key file before the database switches to it. */
    Path pending() {
        return keyFile.resolveSibling(keyFile.getFileName() + ".new");
    }

    /**
     * A rotation that committed the database but stopped before renaming the new key file leaves the data wrapped
     * by {@code master.key.new}: finish the rename instead of refusing to start.
     */
    private @Nullable Aead finishInterruptedRotation(String wrapped) {
        if (properties.masterKey() != null || !Files.exists(pending())) {
            return null;
        }
        try {
            MasterKey next = MasterKeySource.fromFile(pending());
            if (next == null) {
                return null;
            }
            Aead aead = aead(unwrap(wrapped, next));
            Files.move(pending(), keyFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            log.warn("Finished an interrupted master key rotation: {} is now the key file", keyFile);
            return aead;
        } catch (GeneralSecurityException | IOException e) {
            return null;
        }
    }
}
