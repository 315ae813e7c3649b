package dev.starkbot.platform.telegram.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.starkbot.shared.StarkBotProperties;
import dev.starkbot.testing.Await;
import dev.starkbot.testing.Http;
import dev.starkbot.testing.StorageTest;
import dev.starkbot.testing.fake.AnthropicReply;
import dev.starkbot.testing.fake.FakeAnthropicServer;
import dev.starkbot.testing.fake.FakeProviders;
import dev.starkbot.testing.fake.FakeTelegramServer;
import dev.starkbot.testing.fake.SentMessage;
import dev.starkbot.testing.fake.TelegramUser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Telegram in webhook mode with the default access policy: updates are posted to {@code /webhooks/telegram} as
 * Telegram posts them (the fake's pending updates, with the secret StarkBot registered), a stranger gets a pairing
 * code, and once the owner approves it the stranger is answered.
 */
@StorageTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "starkbot.rate-limit.enabled=false", "starkbot.conversations.ai-titles=false",
        "starkbot.admin.username=owner", "starkbot.admin.password=the owner's password",
        "starkbot.platforms.telegram.mode=webhook",
        "starkbot.platforms.telegram.webhook-url=https://bot.example.test/webhooks/telegram"})
class TelegramWebhookIntegrationTest {

    static final FakeTelegramServer TELEGRAM = FakeTelegramServer.start();
    static final FakeAnthropicServer ANTHROPIC = FakeAnthropicServer.start();
    static final Duration WAIT = Duration.ofSeconds(20);
    private final Set<Integer> delivered = new HashSet<>();

    @LocalServerPort
    int port;

    @Autowired
    StarkBotProperties starkbot;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

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
    void aStrangerIsAnsweredOnlyAfterTheOwnerApprovesTheirPairingCode() throws Exception {
        TelegramUser kim = TelegramUser.of(3001, "Kim", "kim");
        int before = ANTHROPIC.requests().size();

        TELEGRAM.userSends(kim.id(), kim, "hello?");
        deliver();

        TELEGRAM.awaitSent(kim.id(), sent -> sent.plainText().contains("pairing code"), WAIT);
        assertThat(ANTHROPIC.requests()).hasSize(before);
        Http http = new Http(port);
        String[] owner = owner(http);
        JsonNode pairing = null;
        for (JsonNode pending : Http.json(http.get("/api/platforms/pairings", owner))) {
            if (pending.path("senderName").asString().equals("Kim")) {
                pairing = pending;
            }
        }
        assertThat(pairing).as("Kim's pairing request").isNotNull();
        assertThat(TELEGRAM.sentMessages(kim.id()).getFirst().plainText()).contains(pairing.path("code").asString());

        HttpResponse<String> approved = http.call("POST", "/api/platforms/pairings/"
                + pairing.path("code").asString() + "/approve", null, owner);
        assertThat(approved.statusCode()).isEqualTo(200);
        ANTHROPIC.enqueue(AnthropicReply.text("Welcome, Kim."));
        TELEGRAM.userSends(kim.id(), kim, "hello again");
        deliver();

        TELEGRAM.awaitSent(kim.id(), sent -> sent.plainText().contains("Welcome, Kim."), WAIT);
    }

    @Test
    void anAdminOnTelegramApprovesAPairingRequestWithAButtonAndTheSenderIsTold() throws Exception {
        TelegramUser boss = TelegramUser.of(3005, "Boss", "boss");
        TelegramUser ola = TelegramUser.of(3006, "Ola", "ola");
        Http http = new Http(port);
        String code = Http.json(http.call("POST", "/api/platforms/link-codes", null, owner(http))).path("code")
                .asString();
        TELEGRAM.userSends(boss.id(), boss, "/link " + code);
        deliver();
        TELEGRAM.awaitSent(boss.id(), sent -> sent.plainText().startsWith("Linked"), WAIT);

        TELEGRAM.userSends(ola.id(), ola, "hi, may I?");
        deliver();
        SentMessage request = TELEGRAM.awaitSent(boss.id(), sent -> sent.plainText().contains("Ola"), WAIT);
        String approve = request.replyMarkup().path("inline_keyboard").get(0).get(0).path("callback_data")
                .asString();
        assertThat(approve).startsWith("/pairing approve ");
        TELEGRAM.userPressesButton(boss.id(), request.messageId(), approve);
        deliver();

        TELEGRAM.awaitSent(boss.id(), sent -> sent.plainText().startsWith("Approved: Ola"), WAIT);
        TELEGRAM.awaitSent(ola.id(), sent -> sent.plainText().startsWith("You're in"), WAIT);
        ANTHROPIC.enqueue(AnthropicReply.text("Hello Ola."));
        TELEGRAM.userSends(ola.id(), ola, "thanks");
        deliver();
        TELEGRAM.awaitSent(ola.id(), sent -> sent.plainText().contains("Hello Ola."), WAIT);
    }

    @Test
    void aStrangersFilesAreNotDownloaded() throws Exception {
        TelegramUser ned = TelegramUser.of(3004, "Ned", "ned");

        TELEGRAM.userSendsDocument(ned.id(), ned, "junk.bin", "application/octet-stream", new byte[4096], null);
        deliver();

        TELEGRAM.awaitSent(ned.id(), sent -> sent.plainText().contains("pairing code"), WAIT);
        assertThat(TELEGRAM.requests("getFile")).isEmpty();
        Path folder = starkbot.dataDir().resolve("files/telegram");
        if (Files.exists(folder)) {
            try (var walk = Files.walk(folder)) {
                assertThat(walk.filter(Files::isRegularFile).toList()).isEmpty();
            }
        }
    }

    @Test
    void anUpdateWithoutTheRightSecretIsRefusedAndARedeliveredOneIsAnsweredOnce() throws Exception {
        TelegramUser lea = TelegramUser.of(3002, "Lea", "lea");
        TELEGRAM.userSends(lea.id(), lea, "knock knock");
        ObjectNode update = TELEGRAM.pendingUpdates().getLast();
        Http http = new Http(port);

        assertThat(post(http, update, "not-the-secret").statusCode()).isEqualTo(401);
        assertThat(http.call("POST", "/webhooks/telegram", update.toString()).statusCode()).isEqualTo(401);
        assertThat(post(http, update, secret()).statusCode()).isEqualTo(200);
        assertThat(post(http, update, secret()).statusCode()).isEqualTo(200);

        TELEGRAM.awaitSent(lea.id(), sent -> sent.plainText().contains("pairing code"), WAIT);
        // recorded once: a second record would be silenced by the pairing reminder rule, so count the records
        assertThat(jdbc.sql("SELECT COUNT(*) FROM platform_inbox WHERE external_id = ?")
                .param(update.path("update_id").asString()).query(Integer.class).single()).isEqualTo(1);
        assertThat(TELEGRAM.sentMessages(lea.id())).hasSize(1);
    }

    @Test
    void aUserLinksTheirTelegramAccountWithACodeFromTheDashboard() throws Exception {
        TelegramUser max = TelegramUser.of(3003, "Max", "max");
        Http http = new Http(port);
        String code = Http.json(http.call("POST", "/api/platforms/link-codes", null, owner(http))).path("code")
                .asString();
        ANTHROPIC.enqueue(AnthropicReply.text("Hello, owner on Telegram."));

        TELEGRAM.userSends(max.id(), max, "/link " + code);
        deliver();
        TELEGRAM.awaitSent(max.id(), sent -> sent.plainText().startsWith("Linked"), WAIT);
        TELEGRAM.userSends(max.id(), max, "hi");
        deliver();

        TELEGRAM.awaitSent(max.id(), sent -> sent.plainText().contains("Hello, owner on Telegram."), WAIT);
        assertThat(Http.json(http.get("/api/platforms/identities", owner(http))).toString()).contains("3003");
    }

    /** Posts every update not yet delivered, as Telegram does, and expects each to be accepted. */
    private void deliver() {
        Http http = new Http(port);
        for (ObjectNode update : TELEGRAM.pendingUpdates()) {
            if (delivered.add(update.path("update_id").asInt())) {
                assertThat(post(http, update, secret()).statusCode()).isEqualTo(200);
            }
        }
    }

    private static HttpResponse<String> post(Http http, ObjectNode update, String secret) {
        return http.call("POST", "/webhooks/telegram", update.toString(),
                TelegramWebhookController.SECRET_HEADER, secret);
    }

    private static String secret() {
        try {
            Await.until("the webhook to be registered", WAIT, () -> !TELEGRAM.requests("setWebhook").isEmpty());
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return TELEGRAM.requests("setWebhook").getLast().param("secret_token").orElseThrow();
    }

    private static String[] owner(Http http) {
        String token = Http.json(http.postJson("/api/auth/login",
                "{\"username\":\"owner\",\"password\":\"the owner's password\"}")).path("token").asString();
        return new String[] {"Authorization", "Bearer " + token};
    }
}
