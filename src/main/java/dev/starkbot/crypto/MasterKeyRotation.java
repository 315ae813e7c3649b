package dev.starkbot.crypto;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.starkbot.shared.Secret;

/** The {@code rotate-master-key} command: a new master key, a new data key, and every sealed value re-encrypted. */
public interface MasterKeyRotation {

    /**
     * @param newPassphrase the new {@code STARKBOT_MASTER_KEY}; null to switch to (or renew) the key file
     * @return how many values were re-encrypted, per table and column
     */
    Map<String, Integer> rotate(@Nullable Secret newPassphrase);
}
