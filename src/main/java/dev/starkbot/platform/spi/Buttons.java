package dev.starkbot.platform.spi;

import org.jspecify.annotations.Nullable;

/** A platform that shows the buttons of an {@link dev.starkbot.platform.OutgoingMessage} and reports presses. */
public interface Buttons {

    /** Acknowledges a press (the platform shows a spinner until then), with a short toast text or none. */
    void answer(String callbackId, @Nullable String text) throws DeliveryException;
}
