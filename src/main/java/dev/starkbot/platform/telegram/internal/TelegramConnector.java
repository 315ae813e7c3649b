package dev.starkbot.platform.telegram.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

import com.pengrad.telegrambot.TelegramBot;
import com.pengrad.telegrambot.model.Update;
import com.pengrad.telegrambot.request.DeleteWebhook;
import com.pengrad.telegrambot.request.GetMe;
import com.pengrad.telegrambot.request.SetWebhook;

import dev.starkbot.platform.PlatformStatus;
import dev.starkbot.platform.spi.DeliveryException;
import dev.starkbot.platform.spi.PlatformContext;
import dev.starkbot.platform.telegram.TelegramProperties;
import dev.starkbot.shared.NoDelaySockets;
import okhttp3.OkHttpClient;

/**
 * Makes a connection to the Bot API: learns who the bot is, then registers the webhook or clears it for polling,
 * each step retried with backoff (reported as the platform's status) for as long as the caller still wants it.
 */
final class TelegramConnector {

    private final TelegramProperties properties;
    private final Path dataDir;

    TelegramConnector(TelegramProperties properties, Path dataDir) {
        this.properties = properties;
        this.dataDir = dataDir;
    }

    /**
     * @param wanted false once this attempt was superseded (the platform stopped, or restarted with a new token)
     * @return a connection without its poller started, or null when it was superseded or cannot work
     */
    @Nullable TelegramConnection connect(PlatformContext context, String token, BooleanSupplier wanted,
                                         Consumer<Update> receive) {
        boolean webhook = properties.mode() == TelegramProperties.Mode.WEBHOOK;
        if (webhook && !properties.webhookUrl().startsWith("https://")) {
            // an empty URL would tell Telegram to remove the webhook, and no update would ever come
            context.status(PlatformStatus.State.FAILED, "webhook mode needs starkbot.platforms.telegram.webhook-url, "
                    + "an https:// address");
            return null;
        }
        String root = properties.apiUrl().replaceAll("/+$", "");
        // Nagle off: a long reply's edit or an upload is more than one of OkHttp's 8 KiB writes (NoDelaySockets)
        OkHttpClient http = new OkHttpClient.Builder().retryOnConnectionFailure(false)
                .socketFactory(NoDelaySockets.plain())
                .connectTimeout(Duration.ofSeconds(10)).readTimeout(properties.requestTimeout())
                .callTimeout(properties.requestTimeout()).build();
        // a long poll holds the connection for pollTimeout: its client waits that long and a little more
        OkHttpClient pollHttp = http.newBuilder().readTimeout(properties.pollTimeout().plusSeconds(15))
                .callTimeout(properties.pollTimeout().plusSeconds(20)).build();
        TelegramBot api = new TelegramBot.Builder(token).apiUrl(root + "/bot").fileApiUrl(root + "/file/bot")
                .okHttpClient(http).build();
        TelegramBot polling = new TelegramBot.Builder(token).apiUrl(root + "/bot").fileApiUrl(root + "/file/bot")
                .okHttpClient(pollHttp).build();
        TelegramBotIdentity me = retrying(context, wanted, () -> {
            var user = TelegramCalls.execute(api, new GetMe(), "getMe").user();
            return new TelegramBotIdentity(Long.toString(user.id()), user.username());
        });
        String secret = secret(token);
        Boolean ready = me == null ? null : retrying(context, wanted, () -> webhook
                // one connection at a time: Telegram then posts a chat's updates in order, as polling returns them
                ? TelegramCalls.execute(api, new SetWebhook().url(properties.webhookUrl()).secretToken(secret)
                        .maxConnections(1).allowedUpdates("message", "callback_query"), "setWebhook").isOk()
                // Telegram refuses getUpdates while a webhook is set (409); pending updates are kept
                : TelegramCalls.execute(api, new DeleteWebhook(), "deleteWebhook").isOk());
        if (me == null || ready == null) {
            api.shutdown();
            polling.shutdown();
            return null;
        }
        TelegramFiles files = new TelegramFiles(api, http, root + "/file/bot" + token + "/",
                properties.maxFileBytes(), context.files(), dataDir);
        TelegramPoller poller = webhook ? null : new TelegramPoller(polling, context, properties.pollTimeout(),
                receive);
        return new TelegramConnection(api, polling, me, files, poller, null, webhook ? secret : null);
    }

    /** A call made again with backoff until it succeeds; null when the attempt was superseded meanwhile. */
    private static <T> @Nullable T retrying(PlatformContext context, BooleanSupplier wanted, Call<T> call) {
        for (int attempt = 1; wanted.getAsBoolean(); attempt++) {
            try {
                return call.run();
            } catch (DeliveryException e) {
                context.status(e.permanent() ? PlatformStatus.State.FAILED : PlatformStatus.State.BACKING_OFF,
                        e.getMessage());
                try {
                    Thread.sleep(Math.min(60_000, 1000L << Math.min(attempt, 6)));
                } catch (InterruptedException interrupted) {
                    return null;
                }
            }
        }
        return null;
    }

    @FunctionalInterface
    private interface Call<T> {
        T run() throws DeliveryException;
    }

    /**
     * The webhook's secret, derived from the bot token: the same on every instance (each one registering the webhook
     * leaves the others' secret valid) and known only to whoever holds the token, who controls the bot anyway.
     * Telegram sends it back with every update, in a header.
     */
    static String secret(String token) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal("starkbot telegram webhook".getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
