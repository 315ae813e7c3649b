package dev.starkbot.platform.telegram.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.starkbot.platform.PlatformContractTest;
import dev.starkbot.testing.StorageTest;
import dev.starkbot.testing.fake.AnthropicReply;
import dev.starkbot.testing.fake.FakeTelegramServer;
import dev.starkbot.testing.fake.SentMessage;
import dev.starkbot.testing.fake.TelegramFault;
import dev.starkbot.testing.fake.TelegramUser;

/**
 * The Telegram adapter: the platform contract, and what only Telegram has (streamed edits, the typing action, the
 * command menu, buttons, files), through the real client library against a fake Bot API server.
 */
@StorageTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "starkbot.rate-limit.enabled=false", "starkbot.platforms.telegram.access.mode=open",
        "starkbot.platforms.telegram.poll-timeout=1s", "starkbot.platforms.typing-interval=200ms"})
class TelegramPlatformIntegrationTest extends PlatformContractTest {

    static final FakeTelegramServer TELEGRAM = FakeTelegramServer.start();
    private static final AtomicLong GROUPS = new AtomicLong(-1_000_100);

    @DynamicPropertySource
    static void fakes(DynamicPropertyRegistry registry) {
        registerModel(registry);
        registry.add("starkbot.platforms.telegram.api-url", () -> TELEGRAM.apiUrl().replaceAll("/bot$", ""));
        registry.add("starkbot.platforms.telegram.bot-token", TELEGRAM::token);
    }

    @AfterAll
    static void stop() {
        TELEGRAM.close();
    }

    @Override
    protected FakePlatform fake() {
        return new FakePlatform() {
            @Override
            public String name() {
                return "telegram";
            }

            @Override
            public String personWrites(long personId, String name, String text) {
                TELEGRAM.userSends(personId, TelegramUser.of(personId, name, name.toLowerCase()), text);
                return Long.toString(personId);
            }

            @Override
            public void personWritesInGroup(String groupId, long personId, String name, String text,
                                            boolean mentioningBot) {
                TELEGRAM.userSends(Long.parseLong(groupId), TelegramUser.of(personId, name, name.toLowerCase()),
                        mentioningBot ? "@" + FakeTelegramServer.BOT_USERNAME + " " + text : text);
            }

            @Override
            public String group(String title) {
                long id = GROUPS.decrementAndGet();
                TELEGRAM.group(id, title);
                return Long.toString(id);
            }

            @Override
            public List<String> botMessages(String chatId) {
                return TELEGRAM.sentMessages(Long.parseLong(chatId)).stream().map(SentMessage::plainText).toList();
            }

            @Override
            public void rateLimitNextSend(Duration retryAfter) {
                TELEGRAM.failNext("sendMessage", TelegramFault.tooManyRequests((int) retryAfter.toSeconds()));
            }

            @Override
            public void outage(Duration duration) {
                TELEGRAM.dropConnectionsFor(duration);
            }
        };
    }

    @Test
    void aReplyIsStreamedAsEditsOfOneMessageWithTypingUntilTheFirstWord() throws Exception {
        TelegramUser eve = TelegramUser.of(1005, "Eve", "eve");
        MODEL.enqueue(AnthropicReply.paced(AnthropicReply.text("One two three four five six seven eight."),
                Duration.ofMillis(150)));

        TELEGRAM.userSends(eve.id(), eve, "count");

        SentMessage reply = TELEGRAM.awaitSent(eve.id(), sent -> sent.plainText().contains("eight."), WAIT);
        assertThat(TELEGRAM.sentMessages(eve.id())).hasSize(1);
        assertThat(reply.edits()).isNotEmpty();
        assertThat(reply.history().getFirst().plainText()).isNotEqualTo(reply.plainText());
        assertThat(TELEGRAM.chatActions(eve.id())).extracting(FakeTelegramServer.ChatAction::action)
                .contains("typing");
    }

    @Test
    void theCommandMenuIsSetFromTheCommandRegistry() {
        assertThat(TELEGRAM.commands().toString()).contains("\"command\":\"help\"", "\"command\":\"new\"",
                "\"command\":\"stop\"");
    }
}
