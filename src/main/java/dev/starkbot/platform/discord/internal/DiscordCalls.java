package dev.starkbot.platform.discord.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.starkbot.platform.spi.DeliveryException;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.InsufficientPermissionException;
import net.dv8tion.jda.api.exceptions.InteractionExpiredException;
import net.dv8tion.jda.api.requests.RestAction;

/**
 * Runs a JDA request to its end and says what a failure means for the router. JDA already waits out Discord's rate
 * limits per route (from the {@code X-RateLimit-*} headers) and retries server errors a few times, so what reaches
 * here is either final (Discord refused: a permanent failure) or an outage (transient, tried again later).
 */
final class DiscordCalls {

    private DiscordCalls() {
    }

    static <T> T complete(RestAction<T> action, String what, Duration timeout) throws DeliveryException {
        try {
            // a deadline for the whole request, rate-limit waits included: the outbox must not hang on one chat
            return action.timeout(timeout.toMillis(), TimeUnit.MILLISECONDS).complete();
        } catch (ErrorResponseException e) {
            String message = what + ": Discord answered " + e.getErrorCode() + " " + e.getMeaning();
            int status = e.getResponse() == null ? 0 : e.getResponse().code;
            if (e.isServerError() || e.getErrorCode() <= 0 || status >= 500 || status == 429) {
                throw DeliveryException.transientFailure(message, e);
            }
            throw DeliveryException.permanentFailure(message);
        } catch (InteractionExpiredException e) {
            throw DeliveryException.permanentFailure(what + ": the interaction's 15 minutes are over");
        } catch (InsufficientPermissionException e) {
            throw DeliveryException.permanentFailure(what + ": the bot lacks the permission "
                    + e.getPermission().getName());
        } catch (java.io.UncheckedIOException e) {
            throw DeliveryException.permanentFailure(what + ": a file to send cannot be read");
        } catch (IllegalArgumentException | IllegalStateException e) {
            // JDA checks lengths and other limits before sending: the same request would be refused again
            throw DeliveryException.permanentFailure(what + ": " + e.getMessage());
        } catch (RuntimeException e) {
            throw DeliveryException.transientFailure(what + " failed (" + e.getClass().getSimpleName() + ")", e);
        }
    }
}
