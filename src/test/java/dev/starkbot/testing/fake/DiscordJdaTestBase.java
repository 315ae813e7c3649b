package dev.starkbot.testing.fake;

import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.events.GenericEvent;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.SessionController;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

/**
 * What the tests pinning JDA against {@link FakeDiscordServer} share: a fake with one guild and its #general, a
 * light JDA connected to it as the Discord adapter will connect, and the events JDA raised, in order.
 */
@Timeout(30)
abstract class DiscordJdaTestBase {

    static final long GUILD = 900_000_000_000_000_001L;
    static final long CHANNEL = 900_000_000_000_000_002L;
    static final DiscordUser ALICE = DiscordUser.human(800_000_000_000_000_001L, "alice");
    static final Duration WAIT = Duration.ofSeconds(10);

    final BlockingQueue<GenericEvent> events = new LinkedBlockingQueue<>();
    FakeDiscordServer discord;
    JDA jda;

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

    TextChannel general() {
        return jda.getTextChannelById(CHANNEL);
    }

    /** The next event of the type JDA raised, skipping others; fails after {@link #WAIT}. */
    <T extends GenericEvent> T next(Class<T> type) throws InterruptedException {
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

    /** Polls until the condition holds; fails after {@link #WAIT}. */
    static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not " + what + " within " + WAIT);
            }
            Thread.sleep(20);
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
}
