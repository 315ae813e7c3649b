package dev.starkbot.crypto.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Obtains the master key: a passphrase is stretched with Argon2id (64 MiB, 3 passes) and a per-installation salt,
 * so that a guessable passphrase still costs an attacker dearly; a key file holds 32 random bytes and is used as
 * it is. The key file is created with mode 0600, and a file readable by others is tightened with a warning.
 */
final class MasterKeySource {

    private static final Logger log = LoggerFactory.getLogger(MasterKeySource.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    static final int MIN_PASSPHRASE = 16;

    private MasterKeySource() {
    }

    static MasterKey fromPassphrase(String passphrase, byte[] salt) {
        if (passphrase.length() < MIN_PASSPHRASE) {
            throw new IllegalStateException("STARKBOT_MASTER_KEY must have at least " + MIN_PASSPHRASE
                    + " characters");
        }
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withSalt(salt)
                .withMemoryAsKB(64 * 1024).withIterations(3).withParallelism(1).build());
        byte[] key = new byte[32];
        generator.generateBytes(passphrase.getBytes(StandardCharsets.UTF_8), key);
        return MasterKey.of(key, MasterKey.PASSPHRASE, "STARKBOT_MASTER_KEY");
    }

    /** Reads the key file; null when it does not exist. */
    static @Nullable MasterKey fromFile(Path file) {
        if (!Files.exists(file)) {
            return null;
        }
        try {
            tighten(file);
            byte[] key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
            if (key.length != 32) {
                throw new IllegalStateException("The key file " + file + " does not hold a 256-bit key");
            }
            return MasterKey.of(key, MasterKey.FILE, "the key file " + file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the key file " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The key file " + file + " is not base64", e);
        }
    }

    /** Writes a new random key to {@code file}, which must not exist yet, readable by its owner only. */
    static MasterKey createFile(Path file) {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        String encoded = Base64.getEncoder().encodeToString(key) + "\n";
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (posix()) {
                Files.createFile(file,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
            Files.writeString(file, encoded, StandardCharsets.US_ASCII, StandardOpenOption.WRITE,
                    StandardOpenOption.SYNC);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the key file " + file, e);
        }
        log.info("Created a new master key file {} (mode 0600). Back it up apart from the database: without it "
                + "the stored secrets cannot be read.", file);
        return MasterKey.of(key, MasterKey.FILE, "the key file " + file);
    }

    static byte[] newSalt() {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return salt;
    }

    private static void tighten(Path file) throws IOException {
        if (!posix()) {
            return;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
        if (!ownerOnly.containsAll(permissions)) {
            log.warn("The key file {} was readable by others ({}); setting it to 0600", file,
                    PosixFilePermissions.toString(permissions));
            Files.setPosixFilePermissions(file, ownerOnly);
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
