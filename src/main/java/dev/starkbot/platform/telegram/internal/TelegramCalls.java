package dev.starkbot.platform.telegram.internal;

import java.time.Duration;

import com.pengrad.telegrambot.TelegramBot;
import com.pengrad.telegrambot.request.BaseRequest;
import com.pengrad.telegrambot.response.BaseResponse;

import dev.starkbot.platform.spi.DeliveryException;

/**
 * One call to the Bot API with its failures sorted: the library returns API errors as ordinary responses (429 with
 * {@code parameters.retry_after}, 400, 403, 5xx) and throws for the rest (a dropped connection, a timeout, an HTML
 * 502 page it cannot parse as JSON).
 */
final class TelegramCalls {

    private TelegramCalls() {
    }

    static <T extends BaseRequest<T, R>, R extends BaseResponse> R execute(TelegramBot bot, BaseRequest<T, R> request,
                                                                        String what) throws DeliveryException {
        R response;
        try {
            response = bot.execute(request);
        } catch (RuntimeException e) {
            // the message names the host at most; the token is in the path, which OkHttp's messages do not carry
            throw DeliveryException.transientFailure("cannot reach Telegram (" + e.getClass().getSimpleName() + ")",
                    e);
        }
        if (response.isOk()) {
            return response;
        }
        throw failure(response, what);
    }

    static DeliveryException failure(BaseResponse response, String what) {
        int code = response.errorCode();
        String description = what + ": " + code + " " + String.valueOf(response.description());
        if (code == 429) {
            Integer retryAfter = response.parameters() == null ? null : response.parameters().retryAfter();
            return DeliveryException.rateLimited(description, Duration.ofSeconds(retryAfter == null ? 1 : retryAfter));
        }
        if (code >= 500 || code == 409) {
            return DeliveryException.transientFailure(description, null);
        }
        // 400 (bad request, chat not found), 401 (token), 403 (blocked by the user, kicked), 404
        return DeliveryException.permanentFailure(description);
    }

    /** Telegram could not parse the markup (a renderer bug): the text can still go as plain text. */
    static boolean unparsable(DeliveryException e) {
        return e.permanent() && e.getMessage() != null && e.getMessage().contains("can't parse entities");
    }

    /** Editing a message to the text it already has is not a failure: a retried edit after a crash does that. */
    static boolean notModified(DeliveryException e) {
        return e.getMessage() != null && e.getMessage().contains("message is not modified");
    }
}
