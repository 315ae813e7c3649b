package dev.starkbot.testing.fake;

/** A Bot API call the fake refuses, as the real server would: the error_code and description it answers with. */
final class TelegramRefusal extends Exception {

    private final int errorCode;

    TelegramRefusal(int errorCode, String description) {
        super(description, null, false, false);
        this.errorCode = errorCode;
    }

    static TelegramRefusal badRequest(String reason) {
        return new TelegramRefusal(400, "Bad Request: " + reason);
    }

    int errorCode() {
        return errorCode;
    }
}
