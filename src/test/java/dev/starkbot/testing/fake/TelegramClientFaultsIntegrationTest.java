package dev.starkbot.testing.fake;

import static dev.starkbot.testing.fake.FakeTelegramServerIntegrationTest.ANN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import com.google.gson.JsonSyntaxException;
import com.pengrad.telegrambot.TelegramBot;
import com.pengrad.telegrambot.TelegramException;
import com.pengrad.telegrambot.UpdatesListener;
import com.pengrad.telegrambot.model.Update;
import com.pengrad.telegrambot.request.GetMe;
import com.pengrad.telegrambot.request.GetUpdates;
import com.pengrad.telegrambot.request.SendMessage;
import com.pengrad.telegrambot.response.GetUpdatesResponse;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How java-telegram-bot-api 10.x (on OkHttp 4.12) surfaces each fault the fake can produce: what execute() returns
 * or throws, what OkHttp retries on its own, and what the library's UpdatesListener does. These are the facts the
 * Telegram adapter is written against; let them fail first when a library upgrade changes behaviour.
 */
class TelegramClientFaultsIntegrationTest {

    private final FakeTelegramServer fake = FakeTelegramServer.start();
    private final List<TelegramBot> bots = new ArrayList<>();
    private TelegramBot bot;

    @BeforeEach
    void userOpensTheChat() {
        bot = FakeTelegramServerIntegrationTest.bot(fake, bots);
        fake.userSends(ANN.id(), ANN, "hello");
    }

    @AfterEach
    void close() {
        bots.forEach(bot -> {
            bot.removeGetUpdatesListener();
            bot.shutdown();
        });
        fake.close();
    }

    @Test
    void floodControlIsAnOrdinaryResponseCarryingRetryAfterAndIsNotRetried() {
        fake.failNext("sendMessage", TelegramFault.tooManyRequests(7));

        var response = bot.execute(new SendMessage(ANN.id(), "Hi"));

        assertThat(response.isOk()).isFalse();
        assertThat(response.errorCode()).isEqualTo(429);
        assertThat(response.description()).isEqualTo("Too Many Requests: retry after 7");
        assertThat(response.parameters().retryAfter()).isEqualTo(7);
        assertThat(fake.requests("sendMessage")).hasSize(1);
        assertThat(bot.execute(new SendMessage(ANN.id(), "Hi")).isOk()).isTrue();
    }

    @Test
    void anApiErrorIsAnOrdinaryResponse() {
        fake.failNext("sendMessage", TelegramFault.apiError(500, "Internal Server Error"));

        var response = bot.execute(new SendMessage(ANN.id(), "Hi"));

        assertThat(response.isOk()).isFalse();
        assertThat(response.errorCode()).isEqualTo(500);
        assertThat(response.parameters()).isNull();
    }

    @Test
    void nginxsHtmlBadGatewayThrowsGsonsJsonSyntaxExceptionUnwrapped() {
        fake.failNext("sendMessage", TelegramFault.badGateway());

        assertThatThrownBy(() -> bot.execute(new SendMessage(ANN.id(), "Hi")))
                .isExactlyInstanceOf(JsonSyntaxException.class)
                .hasMessageContaining("Expected BEGIN_OBJECT but was STRING");
        assertThat(fake.requests("sendMessage")).hasSize(1);
    }

    @Test
    void okHttpSilentlyResendsAPostOnceWhenAReusedConnectionDropsWithoutAResponse() {
        bot.execute(new GetMe()); // leaves a kept-alive connection in OkHttp's pool
        fake.failNext("sendMessage", TelegramFault.hangUp());

        var response = bot.execute(new SendMessage(ANN.id(), "Hi"));

        // Had Telegram processed the first attempt before the connection dropped, the user would get it twice.
        assertThat(response.isOk()).isTrue();
        assertThat(fake.requests("sendMessage")).hasSize(2).allSatisfy(call -> assertThat(call.params())
                .containsEntry("text", "Hi"));
    }

    @Test
    void otherwiseAHangUpThrowsARuntimeExceptionAroundAnIOException() {
        var noRetry = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
        var strict = new TelegramBot.Builder(fake.token()).apiUrl(fake.apiUrl()).okHttpClient(noRetry).build();
        bots.add(strict);
        strict.execute(new GetMe());
        TelegramBot fresh = bot; // no connection in its pool yet
        fake.failNext("sendMessage", TelegramFault.hangUp(), TelegramFault.hangUp());

        for (TelegramBot client : List.of(fresh, strict)) {
            assertThatThrownBy(() -> client.execute(new SendMessage(ANN.id(), "Hi")))
                    .isExactlyInstanceOf(RuntimeException.class)
                    .cause().isInstanceOf(IOException.class).hasMessageStartingWith("unexpected end of stream on");
        }
        assertThat(fake.requests("sendMessage")).hasSize(2);
    }

    @Test
    void aStallEndsInTheClientsReadTimeoutWithoutARetry() {
        TelegramBot impatient = bot(Duration.ofSeconds(1));
        fake.failNext("sendMessage", TelegramFault.stall(Duration.ofSeconds(30)));
        long start = System.nanoTime();

        assertThatThrownBy(() -> impatient.execute(new SendMessage(ANN.id(), "Hi")))
                // Okio's watchdog says "timeout", the socket itself "Read timed out": which one fires first depends
                // on the machine's load
                .isExactlyInstanceOf(RuntimeException.class).cause().isInstanceOf(SocketTimeoutException.class)
                .hasMessageMatching("timeout|Read timed out");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(900),
                Duration.ofSeconds(3));
        assertThat(fake.requests("sendMessage")).hasSize(1);
    }

    @Test
    void aLongPollGetsTheReadTimeoutItNeedsWhateverTheClientsIs() {
        // The client reads with a 1-second timeout; for a poll of 2 seconds the library derives a client with 3.
        long start = System.nanoTime();

        var response = bot(Duration.ofSeconds(1)).execute(new GetUpdates().offset(Integer.MAX_VALUE).timeout(2));

        assertThat(response.isOk()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void anOutageCutsTheLongPollUnderWayAndPollingResumesAfterIt() throws Exception {
        confirmAll();
        CompletableFuture<GetUpdatesResponse> poll = FakeTelegramServerIntegrationTest.longPoll(fake, bot, 30);

        fake.dropConnectionsFor(Duration.ofSeconds(1));
        var posted = fake.userSends(ANN.id(), ANN, "sent during the outage");

        assertThat(poll).failsWithin(Duration.ofSeconds(3)).withThrowableThat().havingRootCause()
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> bot.execute(new GetMe())).cause().isInstanceOf(IOException.class);
        Thread.sleep(1_100);
        assertThat(bot.execute(new GetUpdates()).updates()).extracting(Update::updateId)
                .containsExactly(posted.updateId());
    }

    @Test
    void theLibrarysUpdatesListenerIgnoresRetryAfterAndRetriesAfterItsOwnSleep() throws Exception {
        var listening = new TelegramBot.Builder(fake.token()).apiUrl(fake.apiUrl()).updateListenerSleep(200).build();
        bots.add(listening);
        fake.failNext("getUpdates", TelegramFault.tooManyRequests(30), TelegramFault.badGateway(),
                TelegramFault.hangUp(), TelegramFault.hangUp());
        List<Update> received = new CopyOnWriteArrayList<>();
        List<TelegramException> failures = new CopyOnWriteArrayList<>();
        long start = System.nanoTime();

        listening.setUpdatesListener(updates -> {
            received.addAll(updates);
            return UpdatesListener.CONFIRMED_UPDATES_ALL;
        }, failures::add, new GetUpdates().timeout(1));
        // 429, 502, two hang-ups (one resent by OkHttp), the poll that delivers, the next one confirming it.
        List<BotApiCall> polls = fake.awaitRequests("getUpdates", 6, Duration.ofSeconds(5));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(received).extracting(u -> u.message().text()).containsExactly("hello");
        assertThat(failures).hasSize(3);
        assertThat(failures.get(0).response().errorCode()).isEqualTo(429);
        assertThat(failures.get(0).getMessage()).isEqualTo("GetUpdates failed with error_code 429 Too Many Requests: "
                + "retry after 30");
        assertThat(failures.get(1).response()).isNull();
        assertThat(failures.get(1).getCause()).isInstanceOf(IOException.class)
                .hasCauseInstanceOf(JsonSyntaxException.class);
        assertThat(failures.get(2).getCause()).isInstanceOf(IOException.class)
                .hasMessageStartingWith("unexpected end of stream on");
        // Once the listener confirmed the update, the next poll carries the offset after it.
        assertThat(polls.get(5).params()).containsEntry("offset",
                Integer.toString(received.getFirst().updateId() + 1)).containsEntry("timeout", "1");
    }

    @Test
    void theLibrarysUpdatesListenerRetriesARevokedTokenForever() throws Exception {
        var revoked = new TelegramBot.Builder("1:AAHrevokedTokenRevokedTokenRevoked00").apiUrl(fake.apiUrl())
                .updateListenerSleep(50).build();
        bots.add(revoked);
        List<TelegramException> failures = new CopyOnWriteArrayList<>();

        revoked.setUpdatesListener(updates -> UpdatesListener.CONFIRMED_UPDATES_ALL, failures::add);
        fake.awaitRequests("getUpdates", 5, Duration.ofSeconds(5));

        assertThat(failures).isNotEmpty().allSatisfy(failure -> assertThat(failure.response().errorCode())
                .isEqualTo(401));
    }

    private TelegramBot bot(Duration readTimeout) {
        return FakeTelegramServerIntegrationTest.bot(fake, bots, readTimeout);
    }

    private void confirmAll() {
        List<Update> pending = bot.execute(new GetUpdates()).updates();
        bot.execute(new GetUpdates().offset(pending.getLast().updateId() + 1));
    }
}
