package dev.starkbot.platform.telegram.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.starkbot.testing.Http;
import dev.starkbot.testing.StorageTest;
import dev.starkbot.testing.fake.AnthropicReply;
import dev.starkbot.testing.fake.FakeAnthropicServer;
import dev.starkbot.testing.fake.FakeProviders;
import dev.starkbot.testing.fake.FakeTelegramServer;
import dev.starkbot.testing.fake.SentMessage;
import dev.starkbot.testing.fake.TelegramFault;
import dev.starkbot.testing.fake.TelegramUser;
import tools.jackson.databind.JsonNode;

/**
 * The Telegram path end to end: a message on a fake Bot API server goes through the real client library, the
 * inbox, a turn against a fake Claude, and the outbox, and the reply arrives on the fake Telegram formatted.
 */
@StorageTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "starkbot.rate-limit.enabled=false", "starkbot.conversations.ai-titles=false",
        "starkbot.admin.username=owner", "starkbot.admin.password=the owner's password",
        "starkbot.platforms.telegram.access.mode=open", "starkbot.platforms.telegram.poll-timeout=1s",
        "starkbot.platforms.stream-edit-interval=100ms", "starkbot.platforms.typing-interval=200ms"})
class TelegramIntegrationTest {

    static final FakeTelegramServer TELEGRAM = FakeTelegramServer.start();
    static final FakeAnthropicServer ANTHROPIC = FakeAnthropicServer.start();
    static final TelegramUser ANN = TelegramUser.of(1001, "Ann", "ann");
    static final Duration WAIT = Duration.ofSeconds(15);

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void fakes(DynamicPropertyRegistry registry) {
        FakeProviders.register(registry, ANTHROPIC, null);
        registry.add("starkbot.platforms.telegram.api-url", () -> TELEGRAM.apiUrl().replaceAll("/bot$", ""));
        registry.add("starkbot.platforms.telegram.bot-token", TELEGRAM::token);
    }

    @AfterAll
    static void stop() {
        TELEGRAM.close();
        ANTHROPIC.close();
    }

    @Test
    void aMessageReachesTheModelAndTheReplyArrivesOnTelegram() throws Exception {
        ANTHROPIC.enqueue(AnthropicReply.text("Hello **Ann**, nice to meet you."));

        TELEGRAM.userSends(ANN.id(), ANN, "hello bot");

        SentMessage reply = TELEGRAM.awaitSent(ANN.id(), sent -> sent.plainText().contains("nice to meet you"),
                WAIT);
        assertThat(reply.parseMode()).isEqualTo("HTML");
        assertThat(ANTHROPIC.requests().getLast().json().path("messages").toString()).contains("hello bot");
        assertThat(TELEGRAM.chatActions(ANN.id())).extracting(FakeTelegramServer.ChatAction::action)
                .contains("typing");
    }

    @Test
    void aReplyIsStreamedAsEditsOfOneMessage() throws Exception {
        TelegramUser eve = TelegramUser.of(1005, "Eve", "eve");
        ANTHROPIC.enqueue(AnthropicReply.paced(AnthropicReply.text("One two three four five six seven eight."),
                Duration.ofMillis(150)));

        TELEGRAM.userSends(eve.id(), eve, "count");

        SentMessage reply = TELEGRAM.awaitSent(eve.id(), sent -> sent.plainText().contains("eight."), WAIT);
        assertThat(TELEGRAM.sentMessages(eve.id())).hasSize(1);
        assertThat(reply.edits()).isNotEmpty();
        assertThat(reply.history().getFirst().plainText()).isNotEqualTo(reply.plainText());
    }

    @Test
    void aLongReplyIsSplitIntoSeveralMessagesInOrder() throws Exception {
        TelegramUser bob = TelegramUser.of(1002, "Bob", "bob");
        String paragraph = "This sentence is part of a very long answer. ".repeat(20);
        ANTHROPIC.enqueue(AnthropicReply.text((paragraph + "\n\n").repeat(12) + "THE END"));

        TELEGRAM.userSends(bob.id(), bob, "tell me everything");

        TELEGRAM.awaitSent(bob.id(), sent -> sent.plainText().contains("THE END"), WAIT);
        List<SentMessage> sent = TELEGRAM.sentMessages(bob.id());
        assertThat(sent).hasSizeGreaterThan(1);
        assertThat(sent).allSatisfy(message -> assertThat(message.plainText().length()).isLessThanOrEqualTo(4096));
        assertThat(sent.getLast().plainText()).endsWith("THE END");
    }

    @Test
    void aRateLimitedSendIsRetriedAfterRetryAfterAndArrivesOnce() throws Exception {
        TelegramUser cid = TelegramUser.of(1003, "Cid", "cid");
        ANTHROPIC.enqueue(AnthropicReply.text("Patience pays."));
        TELEGRAM.failNext("sendMessage", TelegramFault.tooManyRequests(1));

        TELEGRAM.userSends(cid.id(), cid, "hi");

        TELEGRAM.awaitSent(cid.id(), sent -> sent.plainText().contains("Patience pays."), WAIT);
        assertThat(TELEGRAM.sentMessages(cid.id())).hasSize(1);
    }

    @Test
    void commandsAnswerWithoutTheModelAndTheMenuIsSet() throws Exception {
        TelegramUser dee = TelegramUser.of(1004, "Dee", "dee");
        int before = ANTHROPIC.requests().size();

        TELEGRAM.userSends(dee.id(), dee, "/help");

        TELEGRAM.awaitSent(dee.id(), sent -> sent.plainText().contains("/new"), WAIT);
        assertThat(ANTHROPIC.requests()).hasSize(before);
        assertThat(TELEGRAM.commands().toString()).contains("\"command\":\"help\"", "\"command\":\"new\"");
    }

    @Test
    void statusShowsTelegramConnected() throws Exception {
        Http http = new Http(port);
        String token = Http.json(http.postJson("/api/auth/login",
                "{\"username\":\"owner\",\"password\":\"the owner's password\"}")).path("token").asString();
        dev.starkbot.testing.Await.until("telegram connected", WAIT, () -> Http.json(http.get("/api/platforms",
                "Authorization", "Bearer " + token)).toString().contains("CONNECTED"));
        JsonNode status = Http.json(http.get("/api/platforms", "Authorization", "Bearer " + token)).get(0);
        assertThat(status.path("platform").asString()).isEqualTo("telegram");
    }
}
