package dev.starkbot.testing.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.requests.ErrorResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Pins what JDA does when {@code POST /channels/{id}/messages} fails: which failures it retries by itself, and
 * what it finally throws from {@code complete()} (and hands to {@code queue}'s failure callback).
 *
 * <p>Facts for the adapter: a 429 is waited out (retry_after rounded up to whole seconds) and sent again; a 502,
 * 503, 504, 520-524 or 529 (not a 500) is tried four times in all, JDA sleeping 0.5, 1, 2 and 4 s after each, so
 * only after 7.5 s is it thrown as {@link ErrorResponseException} with {@link ErrorResponse#SERVER_ERROR} and
 * {@code getErrorCode()} the HTTP status; a connection closed without a
 * response is retried once by OkHttp (so a hang-up after Discord created the message would post it twice), and a
 * second one is thrown as {@code SERVER_ERROR} with code -1 and the {@link IOException} as cause. Discord's
 * 4xx errors are never retried and map to their own {@link ErrorResponse}: 50007 {@code CANNOT_SEND_TO_USER},
 * 10003 {@code UNKNOWN_CHANNEL}, 50013 {@code MISSING_PERMISSIONS}, each with the HTTP status in
 * {@code getResponse().code}.
 */
class DiscordJdaRestFaultsIntegrationTest extends DiscordJdaTestBase {

    private static final String CREATE_MESSAGE = "POST /channels/{channel_id}/messages";

    @Test
    void waitsOutA429ForItsRetryAfterAndSendsOnce() {
        discord.failNext("POST /channels/{channel_id}/messages", DiscordFault.rateLimited(0.4));
        long start = System.nanoTime();

        general().sendMessage("after the limit").complete();

        long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        // JDA rounds retry_after up to whole seconds: 0.4 s waits a full second.
        assertThat(waitedMs).isGreaterThanOrEqualTo(900);
        assertThat(discord.requests("POST /channels/{channel_id}/messages")).hasSize(2);
        assertThat(discord.sentMessages(CHANNEL)).hasSize(1);
    }



    @Test
    void retriesA502ItselfAndSendsOnce() {
        discord.failNext(CREATE_MESSAGE, DiscordFault.badGateway());

        general().sendMessage("after a 502").complete();

        assertThat(discord.requests(CREATE_MESSAGE)).hasSize(2);
        assertThat(discord.sentMessages(CHANNEL)).hasSize(1);
    }

    @Test
    void givesUpOnFour502sAfterSevenAndAHalfSecondsWithServerErrorCode502() {
        discord.failNext(CREATE_MESSAGE, DiscordFault.badGateway(), DiscordFault.badGateway(),
                DiscordFault.badGateway(), DiscordFault.badGateway());
        long start = System.nanoTime();

        assertThatThrownBy(() -> general().sendMessage("after 502s").complete())
                .isInstanceOfSatisfying(ErrorResponseException.class, e -> {
                    assertThat(e.getErrorResponse()).isEqualTo(ErrorResponse.SERVER_ERROR);
                    assertThat(e.getErrorCode()).isEqualTo(502);
                    assertThat(e.isServerError()).isTrue();
                });
        assertThat(discord.requests(CREATE_MESSAGE)).hasSize(4);
        // it sleeps 500 << attempt ms after every 5xx, the fourth included
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(7_400);
    }

    @Test
    void retriesOneHangUpOnceThroughOkHttpAndSendsOnce() {
        discord.failNext(CREATE_MESSAGE, DiscordFault.hangUp());

        general().sendMessage("after a hang-up").complete();

        assertThat(discord.requests(CREATE_MESSAGE)).hasSize(2);
        assertThat(discord.sentMessages(CHANNEL)).hasSize(1);
    }

    @Test
    void failsOnTwoHangUpsInARowWithServerErrorCodeMinus1AndTheIoExceptionAsCause() {
        discord.failNext(CREATE_MESSAGE, DiscordFault.hangUp(), DiscordFault.hangUp());

        assertThatThrownBy(() -> general().sendMessage("after hang-ups").complete())
                .isInstanceOfSatisfying(ErrorResponseException.class, e -> {
                    assertThat(e.getErrorResponse()).isEqualTo(ErrorResponse.SERVER_ERROR);
                    assertThat(e.getErrorCode()).isEqualTo(-1);
                    assertThat(e.getMeaning()).isEqualTo("java.io.IOException");
                    assertThat(e.getCause()).isInstanceOf(IOException.class)
                            .hasMessageStartingWith("unexpected end of stream");
                });
        assertThat(discord.requests(CREATE_MESSAGE)).hasSize(2);
        assertThat(discord.sentMessages(CHANNEL)).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1} is ErrorResponse.{3}, not retried")
    @CsvSource({
        "403, 50007, Cannot send messages to this user, CANNOT_SEND_TO_USER",
        "404, 10003, Unknown Channel, UNKNOWN_CHANNEL",
        "403, 50013, Missing Permissions, MISSING_PERMISSIONS"})
    void anApiErrorIsAnErrorResponseExceptionWithItsErrorResponseAndIsNotRetried(int status, int code,
            String message, ErrorResponse expected) {
        discord.failNext(CREATE_MESSAGE, DiscordFault.apiError(status, code, message));

        assertThatThrownBy(() -> general().sendMessage("refused").complete())
                .isInstanceOfSatisfying(ErrorResponseException.class, e -> {
                    assertThat(e.getErrorResponse()).isEqualTo(expected);
                    assertThat(e.getErrorCode()).isEqualTo(code);
                    assertThat(e.getMeaning()).isEqualTo(message);
                    assertThat(e.getResponse().code).isEqualTo(status);
                    assertThat(e.isServerError()).isFalse();
                });
        assertThat(discord.requests(CREATE_MESSAGE)).hasSize(1);
    }
}
