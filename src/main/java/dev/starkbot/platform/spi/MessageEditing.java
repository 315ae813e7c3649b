package dev.starkbot.platform.spi;

/** A platform whose bot can change a message it sent: replies are then streamed as progressive edits. */
public interface MessageEditing {

    /** Replaces the text of a message the bot sent; editing to the same text is not a failure. */
    void edit(String chatId, String messageId, String text) throws DeliveryException;
}
