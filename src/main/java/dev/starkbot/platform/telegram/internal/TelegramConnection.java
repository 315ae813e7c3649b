package dev.starkbot.platform.telegram.internal;

import org.jspecify.annotations.Nullable;

import com.pengrad.telegrambot.TelegramBot;

/**
 * A connected bot: its two clients (one for long polls, whose timeouts exceed a poll), who it is, where its files
 * go, and either its poller or its webhook's secret.
 */
record TelegramConnection(TelegramBot api, TelegramBot polling, TelegramBotIdentity me, TelegramFiles files,
                          @Nullable TelegramPoller poller, @Nullable Thread pollerThread,
                          @Nullable String webhookSecret) {

    /** Stops polling and releases both clients' connections. */
    void close() {
        if (poller != null) {
            poller.stop();
        }
        if (pollerThread != null) {
            pollerThread.interrupt();
        }
        polling.shutdown();
        api.shutdown();
    }
}
