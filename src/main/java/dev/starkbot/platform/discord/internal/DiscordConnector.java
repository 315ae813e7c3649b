package dev.starkbot.platform.discord.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;

import dev.starkbot.platform.AccessPolicy;
import dev.starkbot.platform.PlatformStatus;
import dev.starkbot.platform.discord.DiscordProperties;
import dev.starkbot.platform.spi.PlatformContext;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.Compression;
import okhttp3.OkHttpClient;

/**
 * Logs the bot in with JDA, pointed at the configured REST API and Gateway, trying again with backoff (reported as
 * the platform's status) while Discord cannot be reached, and giving up on a refused token.
 */
final class DiscordConnector {

    /** JDA doubles its reconnect delay up to this; Discord's outages are mostly short. */
    private static final int MAX_RECONNECT_DELAY_SECONDS = 64;

    private final DiscordProperties properties;
    private final Path dataDir;

    DiscordConnector(DiscordProperties properties, Path dataDir) {
        this.properties = properties;
        this.dataDir = dataDir;
    }

    /**
     * @param wanted false once this attempt was superseded (the platform stopped, or restarted with a new token)
     * @return the connection (its Gateway session still being made), or null when superseded or refused
     */
    @Nullable DiscordConnection connect(PlatformContext context, String token, DiscordListener listener,
                                        BooleanSupplier wanted) {
        for (int attempt = 1; wanted.getAsBoolean(); attempt++) {
            // no silent retry of a request whose connection broke: Discord may have posted the message already,
            // and a retry the outbox decides on is counted and logged
            // no call timeout here: each request has its own deadline (longer for uploads); reads and writes that
            // stall still time out
            OkHttpClient http = new OkHttpClient.Builder().retryOnConnectionFailure(false)
                    .connectTimeout(Duration.ofSeconds(10)).readTimeout(properties.requestTimeout())
                    .writeTimeout(properties.requestTimeout()).build();
            try {
                JDA jda = JDABuilder.createLight(token, intents(properties.access()))
                        .setRestConfig(new RestConfig().setBaseUrl(properties.apiUrl()))
                        .setSessionController(new DiscordSessionController(properties.gatewayUrl()))
                        // the fake Gateway and small bots need no zlib stream; JSON stays readable in a capture
                        .setCompression(Compression.NONE)
                        .setHttpClient(http)
                        .setEnableShutdownHook(false)
                        .setMaxReconnectDelay(MAX_RECONNECT_DELAY_SECONDS)
                        .addEventListeners(listener)
                        .build();
                return new DiscordConnection(jda, http, new DiscordFiles(http, properties.apiUrl(),
                        properties.maxFileBytes(), properties.requestTimeout(), context.files(), dataDir));
            } catch (InvalidTokenException e) {
                http.dispatcher().executorService().shutdown();
                context.status(PlatformStatus.State.FAILED, "Discord refused the bot token");
                return null;
            } catch (RuntimeException e) {
                http.dispatcher().executorService().shutdown();
                context.status(PlatformStatus.State.BACKING_OFF, "cannot reach Discord ("
                        + e.getClass().getSimpleName() + ")");
                try {
                    Thread.sleep(Math.min(60_000, 1000L << Math.min(attempt, 6)));
                } catch (InterruptedException interrupted) {
                    return null;
                }
            }
        }
        return null;
    }

    static EnumSet<GatewayIntent> intents(AccessPolicy access) {
        // JDA adds GUILDS itself (the servers and their channels, which it needs to deliver their messages)
        EnumSet<GatewayIntent> intents = EnumSet.of(GatewayIntent.GUILD_MESSAGES, GatewayIntent.DIRECT_MESSAGES);
        if (access.groups() == AccessPolicy.Groups.ALL) {
            // privileged, enabled on the Developer Portal: needed only to read messages that do not mention the bot
            intents.add(GatewayIntent.MESSAGE_CONTENT);
        }
        return intents;
    }
}
