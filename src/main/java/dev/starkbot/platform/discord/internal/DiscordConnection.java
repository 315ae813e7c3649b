package dev.starkbot.platform.discord.internal;

import java.time.Duration;

import net.dv8tion.jda.api.JDA;
import okhttp3.OkHttpClient;

/** A logged-in bot: its JDA session, the HTTP client it shares with downloads, and where its files go. */
record DiscordConnection(JDA jda, OkHttpClient http, DiscordFiles files) {

    boolean ready() {
        return jda.getStatus() == JDA.Status.CONNECTED;
    }

    /** Closes the Gateway, letting requests already queued finish for a moment, and releases the HTTP client. */
    void close() {
        jda.shutdown();
        try {
            if (!jda.awaitShutdown(Duration.ofSeconds(5))) {
                jda.shutdownNow();
            }
        } catch (InterruptedException e) {
            jda.shutdownNow();
            Thread.currentThread().interrupt();
        }
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
