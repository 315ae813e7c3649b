package dev.starkbot.platform.telegram.internal;

/** Who the bot is on Telegram (from getMe): its id is the account key, its username marks mentions. */
record TelegramBotIdentity(String id, String username) {
}
