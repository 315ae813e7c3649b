package dev.starkbot.platform.telegram.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.starkbot.StarkBotApplication;
import dev.starkbot.testing.Await;
import dev.starkbot.testing.StarkBotProcess;
import dev.starkbot.testing.StorageTest;
import dev.starkbot.testing.TestDatabase;
import dev.starkbot.testing.fake.AnthropicReply;
import dev.starkbot.testing.fake.FakeAnthropicServer;
import dev.starkbot.testing.fake.FakeTelegramServer;
import dev.starkbot.testing.fake.SentMessage;
import dev.starkbot.testing.fake.TelegramUser;

/**
 * StarkBot killed (SIGKILL) between receiving a Telegram message and finishing its reply: after a restart the
 * reply arrives once, written into the message that was being streamed, and the person's message is stored once.
 */
@StorageTest
class TelegramCrashIntegrationTest {

    static final FakeTelegramServer TELEGRAM = FakeTelegramServer.start();
    static final FakeAnthropicServer ANTHROPIC = FakeAnthropicServer.start();
    static final TelegramUser ANN = TelegramUser.of(2001, "Ann", "ann");

    @AfterAll
    static void stop() {
        TELEGRAM.close();
        ANTHROPIC.close();
    }

    @Test
    void aReplyCutOffByAKillArrivesOnceAfterRestart() throws Exception {
        Map<String, String> database = TestDatabase.fresh();
        List<String> args = new ArrayList<>();
        database.forEach((key, value) -> args.add("--" + key + "=" + value));
        args.addAll(List.of("--starkbot.ai.anthropic.base-url=" + ANTHROPIC.baseUrl(),
                "--starkbot.ai.anthropic.api-key=" + ANTHROPIC.apiKey(),
                "--starkbot.platforms.telegram.api-url=" + TELEGRAM.apiUrl().replaceAll("/bot$", ""),
                "--starkbot.platforms.telegram.bot-token=" + TELEGRAM.token(),
                "--starkbot.platforms.telegram.access.mode=open", "--starkbot.platforms.telegram.poll-timeout=1s",
                "--starkbot.platforms.stream-edit-interval=100ms", "--starkbot.platforms.inbox-lease=3s",
                "--starkbot.admin.username=owner", "--starkbot.admin.password=the owner's password",
                "--starkbot.conversations.ai-titles=false"));
        // the first reply streams slowly, so the process is killed while it is being written
        ANTHROPIC.enqueue(AnthropicReply.paced(AnthropicReply.text(
                "Let me think about that properly before I answer you in full detail."), Duration.ofMillis(400)));
        Process killed;
        try (StarkBotProcess starkbot = StarkBotProcess.start(
                Path.of(database.get("starkbot.data-dir")).resolve("killed.log"), List.of(), Map.of(), args)) {
            starkbot.awaitHealthy(Duration.ofSeconds(90));
            TELEGRAM.userSends(ANN.id(), ANN, "What is the answer?");
            // an edit of the draft means its id was recorded (right after it was sent, before the next edit)
            TELEGRAM.awaitSent(ANN.id(), sent -> !sent.edits().isEmpty(), Duration.ofSeconds(60));
            killed = starkbot.process();
        } // SIGKILL, mid-reply
        assertThat(killed.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(TELEGRAM.sentMessages(ANN.id())).hasSize(1);

        ANTHROPIC.enqueue(AnthropicReply.text("The answer is 42."));
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(StarkBotApplication.class)
                .web(WebApplicationType.NONE).run(args.toArray(String[]::new))) {
            SentMessage reply = TELEGRAM.awaitSent(ANN.id(), sent -> sent.plainText().contains("The answer is 42."),
                    Duration.ofSeconds(60));

            // the streamed draft became the answer: one message on Telegram, edited
            assertThat(TELEGRAM.sentMessages(ANN.id())).hasSize(1);
            assertThat(reply.edits()).isNotEmpty();
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM messages WHERE role = 'user' AND body = ?")
                    .param("What is the answer?").query(Integer.class).single()).isEqualTo(1);
            // the streamed preview may show the whole text before the turn is over: wait for the turn's end
            Await.until("the message to be answered", Duration.ofSeconds(30), () -> jdbc.sql(
                    "SELECT status FROM platform_inbox").query(String.class).list().equals(List.of("done")));
            Await.until("the outbox to be drained", Duration.ofSeconds(30), () -> jdbc.sql(
                    "SELECT COUNT(*) FROM platform_outbox WHERE status <> 'sent'").query(Integer.class).single() == 0);
            assertThat(TELEGRAM.sentMessages(ANN.id())).hasSize(1);
            assertThat(TELEGRAM.sentMessages(ANN.id()).getFirst().plainText()).isEqualTo("The answer is 42.");
        }
    }
}
