package dev.starkbot.crypto;

/**
 * Seals and opens secret values. The associated data names where a value lives, such as
 * {@code settings:/ai.anthropic.api-key}: opening with any other associated data fails, so ciphertexts cannot be
 * swapped between rows or fields.
 */
public interface SecretCipher {

    /** @return printable ciphertext (base64), safe to store */
    String seal(String plaintext, String associatedData);

    /** @throws CryptoException when the value was not sealed for this place or with these keys */
    String open(String sealed, String associatedData);
}
