/**
 * Secrets at rest: every secret value (LLM API keys, bot tokens, signing secrets) is sealed with AES-256-GCM under
 * a data key, and the data key is wrapped by a master key that never touches the database: it comes from
 * {@code STARKBOT_MASTER_KEY} or from a key file (mode 0600) created in the data directory on first run. Each
 * ciphertext is bound to its row and field by associated data, so a sealed value copied to another row does not
 * open. Modules seal and open through {@link dev.starkbot.crypto.SecretCipher}.
 */
@ApplicationModule(displayName = "Crypto")
@NullMarked
package dev.starkbot.crypto;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
