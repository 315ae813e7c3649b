package dev.starkbot.crypto;

import dev.starkbot.shared.ErrorKind;
import dev.starkbot.shared.StarkBotException;

/** A sealed value could not be opened, or the keys could not be loaded. The message never contains key material. */
public class CryptoException extends StarkBotException {

    public CryptoException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.INTERNAL;
    }

    @Override
    public String type() {
        return "crypto-failed";
    }
}
