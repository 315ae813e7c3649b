package dev.starkbot.testing.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.events.GenericEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.events.session.SessionResumeEvent;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.SessionController;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pins how JDA itself behaves against {@link FakeDiscordServer}, so that the Discord adapter's tests can rely on
 * it: connecting, receiving, sending and editing, the 429 retry, resume after a drop, re-identify after an invalid
 * session, and slash commands.
 */
@org.junit.jupiter.api.Timeout(30)
class DiscordJdaIntegrationTest {

    private static final long GUILD = 900_000_000_000_000_001L;
    private static final long CHANNEL = 900_000_000_000_000_002L;
    private static final DiscordUser ALICE = DiscordUser.human(800_000_000_000_000_001L, "alice");
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final BlockingQueue<GenericEvent> events = new LinkedBlockingQueue<>();
    private FakeDiscordServer discord;
    private JDA jda;

    @BeforeEach
    void connect() throws InterruptedException {
        discord = FakeDiscordServer.start();
        discord.guild(GUILD, "Stark Industries", ALICE);
        discord.textChannel(GUILD, CHANNEL, "general");
        jda = JDABuilder.createLight(discord.token(), EnumSet.of(GatewayIntent.GUILD_MESSAGES,
                        GatewayIntent.DIRECT_MESSAGES, GatewayIntent.MESSAGE_CONTENT))
                .setRestConfig(new RestConfig().setBaseUrl(discord.restUrl()))
                .setSessionController(new ImmediateSessionController(discord.gatewayUrl()))
                .setCompression(Compression.NONE)
                .addEventListeners((net.dv8tion.jda.api.hooks.EventListener) events::add)
                .build();
        jda.awaitReady();
    }

    @AfterEach
    void shutDown() throws InterruptedException {
        if (jda != null) {
            jda.shutdownNow();
            jda.awaitShutdown(Duration.ofSeconds(5));
        }
        discord.close();
    }

    @Test
    void identifiesWithTheBotTokenAndSeesTheGuildsOfReady() {
        JsonAssert identify = new JsonAssert(discord.gatewayPayloads(DiscordGateway.IDENTIFY).getFirst());
        assertThat(identify.text("d", "token")).isEqualTo(discord.token());
        assertThat(discord.gatewayConnections().getFirst()).contains("encoding=json").contains("v=10")
                .doesNotContain("compress");
        assertThat(jda.getSelfUser().getIdLong()).isEqualTo(FakeDiscordServer.BOT_ID);
        assertThat(jda.getGuildById(GUILD).getTextChannelById(CHANNEL).getName()).isEqualTo("general");
        assertThat(discord.requests("GET /users/@me")).hasSize(1);
    }

    @Test
    void receivesAGuildMessageWithItsMentions() throws InterruptedException {
        discord.userMentionsBot(CHANNEL, ALICE, "hello");

        MessageReceivedEvent event = next(MessageReceivedEvent.class);
        assertThat(event.isFromGuild()).isTrue();
        assertThat(event.getAuthor().getIdLong()).isEqualTo(ALICE.id());
        assertThat(event.getMessage().getContentRaw()).isEqualTo("<@" + FakeDiscordServer.BOT_ID + "> hello");
        assertThat(event.getMessage().getMentions().isMentioned(jda.getSelfUser())).isTrue();
    }

    @Test
    void receivesADirectMessageFromAChannelItHasNeverSeen() throws InterruptedException {
        long dm = discord.dmChannel(ALICE);
        discord.userSends(dm, ALICE, "psst");

        MessageReceivedEvent event = next(MessageReceivedEvent.class);
        assertThat(event.isFromGuild()).isFalse();
        assertThat(event.getChannel().getIdLong()).isEqualTo(dm);
        assertThat(event.getMessage().getContentRaw()).isEqualTo("psst");
    }

    @Test
    void sendsAndEditsAMessageKeepingTheHistory() throws InterruptedException {
        Message sent = jda.getTextChannelById(CHANNEL).sendMessage("Thinking…").complete();
        sent.editMessage("Done.").complete();

        DiscordMessage message = discord.awaitSent(CHANNEL, m -> m.content().equals("Done."), WAIT);
        assertThat(message.id()).isEqualTo(sent.getIdLong());
        assertThat(message.history()).extracting(DiscordMessage.Version::content).containsExactly("Thinking…", "Done.");
        assertThat(discord.requests("POST /channels/{channel_id}/messages").getFirst().header("authorization"))
                .contains("Bot " + discord.token());
    }

    @Test
    void checksTheTwoThousandCharacterLimitItselfBeforeSending() {
        assertThatThrownBy(() -> jda.getTextChannelById(CHANNEL).sendMessage("x".repeat(2001)).complete())
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(discord.requests("POST /channels/{channel_id}/messages")).isEmpty();
    }

    @Test
    void waitsOutA429ForItsRetryAfterAndSendsOnce() {
        discord.failNext("POST /channels/{channel_id}/messages", DiscordFault.rateLimited(0.4));
        long start = System.nanoTime();

        jda.getTextChannelById(CHANNEL).sendMessage("after the limit").complete();

        long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        // JDA rounds retry_after up to whole seconds: 0.4 s waits a full second.
        assertThat(waitedMs).isGreaterThanOrEqualTo(900);
        assertThat(discord.requests("POST /channels/{channel_id}/messages")).hasSize(2);
        assertThat(discord.sentMessages(CHANNEL)).hasSize(1);
    }

    @Test
    void resumesAfterADroppedConnectionAndGetsTheEventItMissed() throws InterruptedException {
        discord.disconnectGateway(4000);
        discord.userSends(CHANNEL, ALICE, "while you were away");

        assertThat(next(MessageReceivedEvent.class).getMessage().getContentRaw()).isEqualTo("while you were away");
        next(SessionResumeEvent.class);
        assertThat(discord.gatewayPayloads(DiscordGateway.RESUME)).hasSize(1);
        assertThat(discord.gatewayPayloads(DiscordGateway.IDENTIFY)).hasSize(1);
        assertThat(discord.gatewayConnections().getLast()).startsWith("encoding=json");
    }

    @Test
    void resumesAfterTheTcpConnectionDiesWithoutACloseFrame() throws InterruptedException {
        discord.dropGatewayConnection();
        discord.userSends(CHANNEL, ALICE, "still there?");

        assertThat(next(MessageReceivedEvent.class).getMessage().getContentRaw()).isEqualTo("still there?");
        assertThat(discord.gatewayPayloads(DiscordGateway.RESUME)).hasSize(1);
    }

    @Test
    void identifiesAgainAfterAnInvalidSession() throws InterruptedException {
        discord.invalidateSession();

        long deadline = System.nanoTime() + WAIT.toNanos();
        while (discord.gatewayPayloads(DiscordGateway.IDENTIFY).size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(discord.gatewayPayloads(DiscordGateway.IDENTIFY)).hasSize(2);
        jda.awaitStatus(JDA.Status.CONNECTED);
        discord.userSends(CHANNEL, ALICE, "new session");
        assertThat(next(MessageReceivedEvent.class).getMessage().getContentRaw()).isEqualTo("new session");
    }

    @Test
    void answersASlashCommandAndRegistersCommands() throws InterruptedException {
        jda.updateCommands().addCommands(net.dv8tion.jda.api.interactions.commands.build.Commands
                .slash("ask", "Ask StarkBot").addOption(
                        net.dv8tion.jda.api.interactions.commands.OptionType.STRING, "question", "What to ask", true))
                .complete();
        assertThat(discord.registeredCommands().get("global").get(0).path("name").asString()).isEqualTo("ask");

        var interaction = discord.userRunsSlashCommand(CHANNEL, ALICE, "ask", Map.of("question", "why?"));
        SlashCommandInteractionEvent event = next(SlashCommandInteractionEvent.class);
        assertThat(event.getOption("question").getAsString()).isEqualTo("why?");
        event.reply("Because.").complete();

        var answer = discord.awaitInteractionAnswer(interaction.path("id").asLong(), WAIT);
        assertThat(answer.type()).isEqualTo(4);
        assertThat(discord.sentMessages(CHANNEL)).extracting(DiscordMessage::content).containsExactly("Because.");
    }

    private <T extends GenericEvent> T next(Class<T> type) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            GenericEvent event = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (event == null) {
                throw new AssertionError("No " + type.getSimpleName() + " within " + WAIT);
            }
            if (type.isInstance(event)) {
                return type.cast(event);
            }
        }
    }

    /** Runs each connect node at once on its own thread: no 5-second identify spacing in tests. */
    static final class ImmediateSessionController extends SessionControllerAdapter {

        private final String gateway;

        ImmediateSessionController(String gateway) {
            this.gateway = gateway;
        }

        @Override
        public void appendSession(SessionController.SessionConnectNode node) {
            Thread.ofPlatform().daemon().name("jda-connect").start(() -> {
                try {
                    node.run(true);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }

        @Override
        public void removeSession(SessionController.SessionConnectNode node) {
            // nothing queued
        }

        @Override
        public String getGateway() {
            return gateway;
        }
    }

    private record JsonAssert(tools.jackson.databind.JsonNode node) {
        String text(String... path) {
            tools.jackson.databind.JsonNode at = node;
            for (String field : path) {
                at = at.path(field);
            }
            return at.asString();
        }
    }
}
