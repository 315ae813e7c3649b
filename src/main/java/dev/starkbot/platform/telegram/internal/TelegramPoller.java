package dev.starkbot.platform.telegram.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.pengrad.telegrambot.TelegramBot;
import com.pengrad.telegrambot.model.Update;
import com.pengrad.telegrambot.request.GetUpdates;
import com.pengrad.telegrambot.response.GetUpdatesResponse;

import dev.starkbot.platform.PlatformStatus;
import dev.starkbot.platform.spi.DeliveryException;
import dev.starkbot.platform.spi.PlatformContext;

/**
 * Long polling, written here rather than the library's listener, which ignores {@code retry_after} and retries a
 * refused token forever at full speed. An update is confirmed to Telegram (by asking for the next offset) only
 * after it was recorded: if recording fails, the same updates are asked for again, and the inbox ignores the ones
 * it already has.
 */
final class TelegramPoller implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(TelegramPoller.class);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

    private final TelegramBot bot;
    private final PlatformContext context;
    private final Duration timeout;
    private final Consumer<Update> receive;
    private volatile boolean running = true;
    private int offset;

    TelegramPoller(TelegramBot bot, PlatformContext context, Duration timeout, Consumer<Update> receive) {
        this.bot = bot;
        this.context = context;
        this.timeout = timeout;
        this.receive = receive;
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        int failures = 0;
        while (running && !Thread.currentThread().isInterrupted()) {
            try {
                GetUpdatesResponse response = TelegramCalls.execute(bot, new GetUpdates().offset(offset).limit(100)
                        .timeout((int) timeout.toSeconds())
                        .allowedUpdates("message", "callback_query"), "getUpdates");
                context.status(PlatformStatus.State.CONNECTED, null);
                failures = 0;
                for (Update update : response.updates()) {
                    receive.accept(update);
                    offset = update.updateId() + 1;
                }
            } catch (DeliveryException e) {
                if (!running) {
                    // stopped meanwhile (token cleared or replaced): the failed call is the stop shutting the
                    // client down, and reporting it would overwrite the stop's own status with BACKING_OFF
                    break;
                }
                failures++;
                Duration wait = e.retryAfter().orElse(backoff(failures));
                context.status(e.permanent() && failures > 3 ? PlatformStatus.State.FAILED
                        : PlatformStatus.State.BACKING_OFF, e.getMessage());
                sleep(e.permanent() ? MAX_BACKOFF : wait);
            } catch (RuntimeException e) {
                if (!running) {
                    break;
                }
                // recording failed (the database is unreachable): the updates stay unconfirmed and come again
                failures++;
                log.warn("Could not record a Telegram update; asking for it again", e);
                context.status(PlatformStatus.State.BACKING_OFF, "could not record an update");
                sleep(backoff(failures));
            }
        }
    }

    private static Duration backoff(int failures) {
        long base = Math.min(MAX_BACKOFF.toMillis(), 500L << Math.min(failures, 10));
        return Duration.ofMillis(base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1));
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            running = false;
            Thread.currentThread().interrupt();
        }
    }
}
