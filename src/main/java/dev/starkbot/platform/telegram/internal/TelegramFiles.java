package dev.starkbot.platform.telegram.internal;

import java.io.IOException;
import java.nio.file.Path;

import com.pengrad.telegrambot.TelegramBot;
import com.pengrad.telegrambot.request.GetFile;
import com.pengrad.telegrambot.response.GetFileResponse;

import dev.starkbot.platform.Attachment;
import dev.starkbot.platform.spi.DeliveryException;
import dev.starkbot.shared.SavedFiles;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Downloads the files of received messages into the data directory. The library's own download has no timeouts
 * and no size limit, so the file is fetched here with the adapter's client, stopping at the size limit.
 */
final class TelegramFiles {

    private final TelegramBot bot;
    private final OkHttpClient http;
    private final String fileRoot;
    private final long maxBytes;
    private final Path directory;
    private final Path dataDir;

    /**
     * @param fileRoot  the Bot API server's file root, such as {@code https://api.telegram.org/file/bot<token>/}
     * @param directory where the files go, inside {@code dataDir}
     */
    TelegramFiles(TelegramBot bot, OkHttpClient http, String fileRoot, long maxBytes, Path directory, Path dataDir) {
        this.bot = bot;
        this.http = http;
        this.fileRoot = fileRoot;
        this.maxBytes = maxBytes;
        this.directory = directory;
        this.dataDir = dataDir;
    }

    Attachment download(Attachment attachment, String chatId) throws DownloadException {
        String fileId = attachment.ref();
        String name = attachment.fileName();
        if (fileId == null) {
            throw new DownloadException("no file id");
        }
        GetFileResponse response;
        try {
            response = TelegramCalls.execute(bot, new GetFile(fileId), "getFile");
        } catch (DeliveryException e) {
            throw new DownloadException(e.getMessage());
        }
        var file = response.file();
        if (file.fileSize() != null && file.fileSize() > maxBytes) {
            throw new DownloadException("larger than " + maxBytes + " bytes");
        }
        if (file.filePath() == null) {
            throw new DownloadException("Telegram gave no file path");
        }
        Path folder = directory.resolve(chatId.replaceAll("[^0-9-]", ""));
        Path target = folder.resolve(file.fileUniqueId() + "-" + SavedFiles.safeName(name));
        try (Response fetched = http.newCall(new Request.Builder().url(fileRoot + file.filePath()).build()).execute()) {
            ResponseBody body = fetched.body();
            if (!fetched.isSuccessful() || body == null) {
                throw new DownloadException("download answered " + fetched.code());
            }
            long size = SavedFiles.save(body.byteStream(), target, maxBytes);
            return new Attachment(attachment.kind(), name, attachment.mimeType(), size,
                    dataDir.relativize(target).toString().replace('\\', '/'), fileId);
        } catch (SavedFiles.TooLarge e) {
            throw new DownloadException(e.getMessage());
        } catch (IOException | RuntimeException e) {
            throw new DownloadException("download failed (" + e.getClass().getSimpleName() + ")");
        }
    }

    static final class DownloadException extends Exception {

        DownloadException(String message) {
            super(message);
        }
    }
}
