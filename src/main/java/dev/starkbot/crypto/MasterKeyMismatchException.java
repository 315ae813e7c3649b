package dev.starkbot.crypto;

/** The configured master key is not the one this installation's data key was wrapped with. */
public class MasterKeyMismatchException extends CryptoException {

    public MasterKeyMismatchException(String source, Throwable cause) {
        super("The master key from " + source + " does not open this installation's data key, so StarkBot cannot "
                + "read its secrets and did not start. Nothing was changed. Use the master key this data was "
                + "created with (STARKBOT_MASTER_KEY, or the key file), or restore the key file from a backup.",
                cause);
    }
}
