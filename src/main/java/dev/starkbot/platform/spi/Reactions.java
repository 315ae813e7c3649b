package dev.starkbot.platform.spi;

/** A platform where the bot can react to a message with an emoji, used as a light acknowledgement. */
public interface Reactions {

    void react(String chatId, String messageId, String emoji) throws DeliveryException;
}
