package dev.starkbot.crypto.internal;

import java.security.GeneralSecurityException;
import java.util.Arrays;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.util.SecretBytes;

/**
 * The key-encryption key: 32 bytes from the key file or derived from the passphrase, used only to wrap and unwrap
 * the data keyset. {@code source} is what the operator recognises ("the key file /data/master.key").
 */
record MasterKey(Aead aead, String kind, String source) {

    static final String FILE = "file";
    static final String PASSPHRASE = "passphrase";

    static MasterKey of(byte[] keyBytes, String kind, String source) {
        try {
            AeadConfig.register();
            AesGcmParameters parameters = AesGcmParameters.builder().setKeySizeBytes(32).setIvSizeBytes(12)
                    .setTagSizeBytes(16).setVariant(AesGcmParameters.Variant.NO_PREFIX).build();
            AesGcmKey key = AesGcmKey.builder().setParameters(parameters)
                    .setKeyBytes(SecretBytes.copyFrom(keyBytes, InsecureSecretKeyAccess.get())).build();
            KeysetHandle handle = KeysetHandle.newBuilder()
                    .addEntry(KeysetHandle.importKey(key).withRandomId().makePrimary()).build();
            return new MasterKey(handle.getPrimitive(RegistryConfiguration.get(), Aead.class), kind, source);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot build the master key: " + e.getMessage(), e);
        } finally {
            Arrays.fill(keyBytes, (byte) 0);
        }
    }
}
