package dev.starkbot.testing.fake;

/**
 * A file the fake holds, sent by a user or uploaded by the bot, downloadable at
 * {@code fileApiUrl() + token + "/" + filePath} once the bot has asked for it with getFile.
 *
 * @param fileId       what the bot passes to getFile or sends again
 * @param fileUniqueId the id that stays the same across bots, as on Telegram
 * @param filePath     {@code photos/file_3.jpg}, {@code documents/file_4.pdf}, {@code voice/file_5.oga}, …
 * @param fileName     the original name, or null (photos and voice notes have none)
 */
public record TelegramFile(String fileId, String fileUniqueId, String filePath, String fileName, String mimeType,
        byte[] bytes) {
}
