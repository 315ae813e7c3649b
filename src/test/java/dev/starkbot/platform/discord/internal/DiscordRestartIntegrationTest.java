package dev.starkbot.platform.discord.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.starkbot.StarkBotApplication;
import dev.starkbot.testing.Await;
import dev.starkbot.testing.StorageTest;
import dev.starkbot.testing.TestDatabase;
import dev.starkbot.testing.fake.AnthropicReply;
import dev.starkbot.testing.fake.DiscordUser;
import dev.starkbot.testing.fake.FakeAnthropicServer;
import dev.starkbot.testing.fake.FakeDiscordServer;

/**
 * Messages written to the bot while StarkBot was stopped: Discord does not deliver them to the new session, so the
 * adapter reads them back from the chats' history when it connects again, and answers each once.
 */
@StorageTest
class DiscordRestartIntegrationTest {

    static final FakeDiscordServer DISCORD = FakeDiscordServer.start();
    static final FakeAnthropicServer ANTHROPIC = FakeAnthropicServer.start();
    static final DiscordUser KIM = DiscordUser.human(830_000_000_000_000_001L, "kim");
    static final DiscordUser LOU = DiscordUser.human(830_000_000_000_000_002L, "lou");
    static final long GUILD = 930_000_000_000_000_001L;
    static final long CHANNEL = 930_000_000_000_000_002L;
    static final Duration WAIT = Duration.ofSeconds(30);

    static {
        DISCORD.guild(GUILD, "Workshop", LOU);
        DISCORD.textChannel(GUILD, CHANNEL, "general");
    }

    @AfterAll
    static void stop() {
        DISCORD.close();
        ANTHROPIC.close();
    }

    @Test
    @SuppressWarnings("try")
    void whatWasWrittenWhileStarkBotWasStoppedIsAnsweredOnceAfterItStartsAgainInDirectChatsAndServers() throws Exception {
        Map<String, String> database = TestDatabase.fresh();
        List<String> args = new ArrayList<>();
        database.forEach((key, value) -> args.add("--" + key + "=" + value));
        args.addAll(List.of("--starkbot.ai.anthropic.base-url=" + ANTHROPIC.baseUrl(),
                "--starkbot.ai.anthropic.api-key=" + ANTHROPIC.apiKey(),
                "--starkbot.platforms.discord.api-url=" + DISCORD.restUrl(),
                "--starkbot.platforms.discord.gateway-url=" + DISCORD.gatewayUrl(),
                "--starkbot.platforms.discord.bot-token=" + DISCORD.token(),
                "--starkbot.platforms.discord.access.mode=open", "--starkbot.platforms.telegram.enabled=false",
                "--starkbot.admin.username=owner", "--starkbot.admin.password=the owner's password",
                "--starkbot.conversations.ai-titles=false"));
        long dm = DISCORD.dmChannel(KIM);
        ANTHROPIC.enqueue(AnthropicReply.text("Hello."), AnthropicReply.text("Hello."));
        try (ConfigurableApplicationContext first = start(args)) {
            awaitSession(1);
            DISCORD.userSends(dm, KIM, "hello");
            DISCORD.awaitSent(dm, message -> message.content().contains("Hello."), WAIT);
            DISCORD.userMentionsBot(CHANNEL, LOU, "hello from the workshop");
            DISCORD.awaitSent(CHANNEL, message -> message.content().contains("Hello."), WAIT);
        }

        // StarkBot is stopped: a direct chat and a server channel go on without it
        DISCORD.userSends(dm, KIM, "are you there?");
        DISCORD.userSends(dm, KIM, "I asked while you were away");
        DISCORD.userSends(CHANNEL, LOU, "just chatting, not to the bot");
        DISCORD.userMentionsBot(CHANNEL, LOU, "and a question for you");
        ANTHROPIC.enqueue(AnthropicReply.text("Back now."), AnthropicReply.text("Back now."),
                AnthropicReply.text("Back now."));

        try (ConfigurableApplicationContext second = start(args)) {
            Await.until("every message written meanwhile answered", WAIT, () -> DISCORD.sentMessages(dm).size() == 3
                    && DISCORD.sentMessages(CHANNEL).size() == 2);
            JdbcClient jdbc = second.getBean(JdbcClient.class);
            Await.until("the inbox done", WAIT, () -> jdbc.sql("SELECT status FROM platform_inbox")
                    .query(String.class).list().stream().allMatch("done"::equals));
            // two before, three read back; the chatter not addressed to the bot was not recorded
            assertThat(jdbc.sql("SELECT COUNT(*) FROM platform_inbox").query(Integer.class).single()).isEqualTo(5);
            String prompts = ANTHROPIC.requests().stream().map(request -> request.json().path("messages").toString())
                    .reduce("", String::concat);
            assertThat(prompts).contains("are you there?", "I asked while you were away", "and a question for you")
                    .doesNotContain("just chatting");
            Thread.sleep(300);
            assertThat(DISCORD.sentMessages(dm)).hasSize(3);
            assertThat(DISCORD.sentMessages(CHANNEL)).hasSize(2);
            assertThat(DISCORD.requests("GET /channels/{channel_id}/messages")).hasSize(2);
        }
    }

    private static ConfigurableApplicationContext start(List<String> args) {
        return new SpringApplicationBuilder(StarkBotApplication.class).web(WebApplicationType.NONE)
                .run(args.toArray(String[]::new));
    }

    private static void awaitSession(int sessions) throws InterruptedException {
        Await.until("the bot's session", WAIT, () -> DISCORD.gatewayPayloads(2).size() >= sessions
                && DISCORD.gatewayConnected());
    }
}
