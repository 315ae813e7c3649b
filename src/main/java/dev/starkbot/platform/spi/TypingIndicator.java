package dev.starkbot.platform.spi;

import org.jspecify.annotations.Nullable;

/** A platform that shows "typing..." while the model thinks. */
public interface TypingIndicator {

    /** Shows the indicator; it fades by itself after a few seconds (the router repeats it until the first token). */
    void typing(String chatId, @Nullable String threadId) throws DeliveryException;
}
