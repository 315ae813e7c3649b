package dev.starkbot.platform;

/**
 * A button under a message. Pressing it comes back as an {@link IncomingMessage} whose {@code callback} carries
 * {@code data}; data starting with {@code /} is run as that command by the person who pressed it.
 *
 * @param data at most 64 bytes (Telegram's limit for callback data)
 */
public record Button(String label, String data) {

    public Button {
        if (label.isBlank() || data.isEmpty() || data.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 64) {
            throw new IllegalArgumentException("A button has a label and 1 to 64 bytes of data");
        }
    }
}
