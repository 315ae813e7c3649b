package dev.starkbot.crypto;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

import dev.starkbot.shared.Secret;

/**
 * Where the master key comes from.
 *
 * @param masterKey     a passphrase or random string of at least 16 characters; when set, it is used (through
 *                      Argon2id) instead of the key file. Env: {@code STARKBOT_MASTER_KEY}.
 * @param masterKeyFile file holding a random 256-bit key, created with mode 0600 on first run when no master key
 *                      is set; default {@code master.key} in the data directory. Back it up apart from the
 *                      database: without it the secrets cannot be read. Env: {@code STARKBOT_MASTER_KEY_FILE}.
 */
@ConfigurationProperties("starkbot")
public record CryptoProperties(@Nullable Secret masterKey, @Nullable Path masterKeyFile) {
}
