package dev.starkbot.testing.fake;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Bot API's media objects (PhotoSize, Document, Voice) for files the fake stores, whoever sent them.
 *
 * <p>A photo comes as Telegram sends it, in several sizes, smallest first: a real thumbnail at most 90 pixels wide,
 * re-encoded as JPEG, then the original. So a client that picks the first size instead of the last gets different
 * bytes. Telegram would re-encode the original too; the fake keeps its bytes, so that a test can compare them.
 */
final class TelegramMedia {

    private static final int THUMBNAIL_SIDE = 90;

    private TelegramMedia() {
    }

    /** The file a message carries, whatever its kind: the largest photo size, the document, the voice note. */
    record Attachment(TelegramFile file, String field, JsonNode json) {
    }

    /** Stores a photo; null when the bytes are not an image Telegram could process. */
    static Attachment photo(TelegramChats chats, byte[] bytes) {
        BufferedImage image = read(bytes);
        if (image == null) {
            return null;
        }
        byte[] thumbnail = thumbnail(image);
        BufferedImage small = read(thumbnail);
        ArrayNode sizes = WireJson.JSON.createArrayNode();
        TelegramFile thumbFile = chats.storeFile("photos", "jpg", null, "image/jpeg", thumbnail);
        sizes.add(size(thumbFile, small.getWidth(), small.getHeight()));
        TelegramFile original = chats.storeFile("photos", "jpg", null, "image/jpeg", bytes);
        sizes.add(size(original, image.getWidth(), image.getHeight()));
        return new Attachment(original, "photo", sizes);
    }

    static Attachment document(TelegramChats chats, String fileName, String mimeType, byte[] bytes) {
        int dot = fileName.lastIndexOf('.');
        String extension = dot < 0 ? "" : fileName.substring(dot + 1);
        TelegramFile file = chats.storeFile("documents", extension, fileName, mimeType, bytes);
        ObjectNode document = WireJson.object().put("file_name", fileName).put("mime_type", mimeType);
        return new Attachment(file, "document", describe(document, file));
    }

    static Attachment voice(TelegramChats chats, String mimeType, int durationSeconds, byte[] bytes) {
        TelegramFile file = chats.storeFile("voice", "oga", null, mimeType, bytes);
        ObjectNode voice = WireJson.object().put("duration", durationSeconds).put("mime_type", mimeType);
        return new Attachment(file, "voice", describe(voice, file));
    }

    /** The File object getFile returns. */
    static ObjectNode file(TelegramFile file) {
        return describe(WireJson.object(), file).put("file_path", file.filePath());
    }

    private static ObjectNode size(TelegramFile file, int width, int height) {
        return describe(WireJson.object(), file).put("width", width).put("height", height);
    }

    private static ObjectNode describe(ObjectNode node, TelegramFile file) {
        return node.put("file_id", file.fileId()).put("file_unique_id", file.fileUniqueId())
                .put("file_size", file.bytes().length);
    }

    private static BufferedImage read(byte[] bytes) {
        try {
            return ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException notAnImage) {
            return null;
        }
    }

    private static byte[] thumbnail(BufferedImage image) {
        double scale = Math.min(1.0, (double) THUMBNAIL_SIDE / Math.max(image.getWidth(), image.getHeight()));
        int width = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int height = Math.max(1, (int) Math.round(image.getHeight() * scale));
        var small = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var graphics = small.createGraphics();
        try {
            graphics.drawImage(image, 0, 0, width, height, null);
        } finally {
            graphics.dispose();
        }
        return encode(small, "jpg");
    }

    /** The image in an ImageIO format ({@code png}, {@code jpg}). */
    static byte[] encode(BufferedImage image, String format) {
        var out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
