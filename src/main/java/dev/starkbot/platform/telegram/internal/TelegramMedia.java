package dev.starkbot.platform.telegram.internal;

import java.nio.file.Path;

import com.pengrad.telegrambot.TelegramBot;
import com.pengrad.telegrambot.model.request.ParseMode;
import com.pengrad.telegrambot.request.SendDocument;
import com.pengrad.telegrambot.request.SendPhoto;
import com.pengrad.telegrambot.response.SendResponse;

import dev.starkbot.platform.Attachment;
import dev.starkbot.platform.OutgoingMessage;
import dev.starkbot.platform.spi.DeliveryException;
import dev.starkbot.platform.spi.PlatformContext;

/** Sends a message's files: each one as its own message, the text as the first one's caption. */
final class TelegramMedia {

    /** Telegram's limit for a caption, shorter than a message's. */
    private static final int CAPTION_LIMIT = 1024;

    private final TelegramBot bot;

    TelegramMedia(TelegramBot bot) {
        this.bot = bot;
    }

    String send(OutgoingMessage message, PlatformContext context) throws DeliveryException {
        String first = null;
        for (int i = 0; i < message.attachments().size(); i++) {
            Attachment attachment = message.attachments().get(i);
            Path file;
            try {
                file = context.file(attachment.path());
            } catch (IllegalArgumentException e) {
                throw DeliveryException.permanentFailure("no file to send: " + attachment.fileName());
            }
            String caption = i == 0 && message.text().length() <= CAPTION_LIMIT ? message.text() : null;
            SendResponse response = attachment.kind() == Attachment.Kind.PHOTO
                    ? TelegramCalls.execute(bot, photo(message, file.toFile(), caption), "sendPhoto")
                    : TelegramCalls.execute(bot, document(message, file.toFile(), caption), "sendDocument");
            if (first == null) {
                first = Integer.toString(response.message().messageId());
            }
        }
        return first;
    }

    private static SendPhoto photo(OutgoingMessage message, java.io.File file, String caption) {
        SendPhoto request = new SendPhoto(message.chatId(), file);
        if (caption != null) {
            request.caption(caption).parseMode(ParseMode.HTML);
        }
        if (message.threadId() != null) {
            request.messageThreadId(Long.parseLong(message.threadId()));
        }
        return request;
    }

    private static SendDocument document(OutgoingMessage message, java.io.File file, String caption) {
        SendDocument request = new SendDocument(message.chatId(), file);
        if (caption != null) {
            request.caption(caption).parseMode(ParseMode.HTML);
        }
        if (message.threadId() != null) {
            request.messageThreadId(Long.parseLong(message.threadId()));
        }
        return request;
    }
}
