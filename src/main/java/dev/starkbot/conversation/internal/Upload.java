package dev.starkbot.conversation.internal;

/**
 * A file a person attached in the web chat.
 *
 * @param fileName the name the browser gave, cleaned to one line; the stored file's name is a safe form of it
 * @param path     relative to the data directory, as the model is told it
 */
record Upload(String id, String fileName, String mimeType, long size, String path) {

    /** The words platforms use: a photo for images, a document for anything else. */
    String kind() {
        return mimeType.startsWith("image/") ? "photo" : "document";
    }
}
