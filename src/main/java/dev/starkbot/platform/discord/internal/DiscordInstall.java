package dev.starkbot.platform.discord.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import dev.starkbot.audit.AuditLog;
import dev.starkbot.platform.PlatformException;
import dev.starkbot.platform.discord.DiscordProperties;
import dev.starkbot.platform.discord.internal.DiscordInstallStateRepository.Requester;
import dev.starkbot.platform.discord.internal.DiscordOAuth2Client.Exchange;
import dev.starkbot.user.Principal;
import net.dv8tion.jda.api.Permission;

/**
 * The install link that adds the bot to a server, and the OAuth2 code exchange when Discord sends the owner back.
 * The callback is reached by a browser redirect, which carries no bearer token: the state in the link, issued to an
 * admin, single use and short lived, is its only credential, so nothing is exchanged without a valid one.
 */
@Component
class DiscordInstall {

    private static final Logger log = LoggerFactory.getLogger(DiscordInstall.class);

    static final List<String> SCOPES = List.of("bot", "applications.commands");
    /** What the bot needs to read and answer in channels and threads, with files, embeds and reactions. */
    static final long PERMISSIONS = Permission.getRaw(Permission.VIEW_CHANNEL, Permission.MESSAGE_SEND,
            Permission.MESSAGE_SEND_IN_THREADS, Permission.MESSAGE_EMBED_LINKS, Permission.MESSAGE_ATTACH_FILES,
            Permission.MESSAGE_HISTORY, Permission.MESSAGE_ADD_REACTION);
    static final Duration STATE_LIFETIME = Duration.ofMinutes(10);
    static final String AUDIT_ADDED = "platform.discord-server-added";
    /** 32 random bytes in base64url without padding; anything else cannot be a state of ours. */
    private static final Pattern STATE = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Pattern ERROR_CODE = Pattern.compile("[a-z_]{1,64}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * @param url         where the owner goes to pick a server
     * @param permissions the permission bits asked for, as the decimal string Discord uses
     * @param expiresAt   when the link's state expires; null without a code exchange (the link does not expire)
     * @param exchange    whether Discord sends the owner back to StarkBot to complete the code exchange
     */
    record InstallLink(String url, List<String> scopes, String permissions, @Nullable Instant expiresAt,
                       boolean exchange) {
    }

    /** The query of Discord's redirect, as it came from the browser: nothing in it is trusted but the state. */
    record Callback(@Nullable String code, @Nullable String state, @Nullable String guildId,
                    @Nullable String permissions, @Nullable String error) {
    }

    /** How a callback ended, for the page the owner sees. */
    sealed interface Outcome {

        /** @param missingPermissions the names of asked-for permissions the owner unticked */
        record Added(String guildId, String guildName, List<String> missingPermissions) implements Outcome {
        }

        record Cancelled() implements Outcome {
        }

        record Failed(int status, String message) implements Outcome {
        }
    }

    private final DiscordProperties properties;
    private final DiscordCredentials credentials;
    private final DiscordOAuth2Client discord;
    private final DiscordInstallStateRepository states;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;
    private final Clock clock;

    DiscordInstall(DiscordProperties properties, DiscordCredentials credentials, DiscordOAuth2Client discord,
                   DiscordInstallStateRepository states, ApplicationEventPublisher events, AuditLog audit,
                   Clock clock) {
        this.properties = properties;
        this.credentials = credentials;
        this.discord = discord;
        this.states = states;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
    }

    InstallLink link(Principal admin) {
        String url = properties.authorizeUrl() + (properties.authorizeUrl().contains("?") ? "&" : "?")
                + "client_id=" + applicationId() + "&scope=" + encode(String.join(" ", SCOPES))
                + "&permissions=" + PERMISSIONS + "&integration_type=0";
        if (!exchanges()) {
            return new InstallLink(url, SCOPES, Long.toString(PERMISSIONS), null, false);
        }
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String state = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(STATE_LIFETIME);
        states.insert(DiscordOAuth2Client.sha256(state), admin.userId(), admin.username(), now.toEpochMilli(),
                expiresAt.toEpochMilli());
        url += "&response_type=code&redirect_uri=" + encode(properties.redirectUrl()) + "&state=" + state;
        return new InstallLink(url, SCOPES, Long.toString(PERMISSIONS), expiresAt, true);
    }

    Outcome complete(Callback callback) {
        String state = callback.state();
        Optional<Requester> requester = state == null || !STATE.matcher(state).matches() ? Optional.empty()
                : states.consume(DiscordOAuth2Client.sha256(state), clock.millis());
        if (requester.isEmpty()) {
            return new Outcome.Failed(400, "This install link has expired or was already used. Ask StarkBot for a "
                    + "new one and try again.");
        }
        if (callback.error() != null) {
            if (callback.error().equals("access_denied")) {
                return new Outcome.Cancelled();
            }
            String error = ERROR_CODE.matcher(callback.error()).matches() ? " (" + callback.error() + ")" : "";
            return new Outcome.Failed(400, "Discord did not add the bot" + error + ". Try again with a new link.");
        }
        if (callback.code() == null || callback.code().isBlank()) {
            return new Outcome.Failed(400, "Discord sent no authorization code. Try again with a new link.");
        }
        Optional<String> secret = credentials.clientSecret();
        if (!exchanges() || secret.isEmpty()) {
            return new Outcome.Failed(502, "StarkBot no longer has a redirect URL and client secret for Discord, so "
                    + "it cannot complete the installation. Ask the administrator to configure them.");
        }
        String applicationId;
        try {
            applicationId = applicationId();
        } catch (PlatformException e) {
            return new Outcome.Failed(502, e.getMessage());
        }
        Exchange exchange = discord.exchange(applicationId, secret.get(), callback.code(), properties.redirectUrl());
        return switch (exchange) {
            case Exchange.Granted granted -> added(requester.get(), callback, granted);
            case Exchange.Refused refused -> refused(refused);
            case Exchange.Failed failed -> {
                log.warn("The Discord code exchange failed: {}", failed.reason());
                yield new Outcome.Failed(502, "Discord did not answer StarkBot (" + failed.reason() + "). If the "
                        + "bot is not in your server yet, try again with a new link.");
            }
        };
    }

    private Outcome added(Requester requester, Callback callback, Exchange.Granted granted) {
        String guildId = granted.guildId();
        if (guildId == null) {
            log.warn("Discord's answer to the code exchange named no server");
            return new Outcome.Failed(502, "Discord's answer did not say which server the bot was added to.");
        }
        // The token answer comes from Discord itself; the redirect's guild_id came through the browser. They differ
        // only if the redirect was tampered with or mixed up, and then nothing here is trustworthy enough to act on.
        if (callback.guildId() != null && !callback.guildId().equals(guildId)) {
            // the redirect's value is the browser's: logged only if it is an id, so it cannot forge log lines
            log.warn("The Discord callback named server {} but the code was for server {}",
                    callback.guildId().matches("[0-9]{1,20}") ? callback.guildId() : "(not an id)", guildId);
            return new Outcome.Failed(400, "The server in Discord's redirect is not the one the authorization was "
                    + "for. Try again with a new link.");
        }
        String name = granted.guildName() == null ? guildId : granted.guildName();
        audit.record(AUDIT_ADDED, requester.userId(), requester.username(), "discord-guild:" + guildId,
                "name=" + name);
        events.publishEvent(new DiscordGuildAdded(guildId, name));
        log.info("The Discord bot was added to server {}", guildId);
        return new Outcome.Added(guildId, name, missing(callback.permissions()));
    }

    private static Outcome refused(Exchange.Refused refused) {
        log.warn("Discord refused the code exchange: {} {} {}", refused.status(), refused.error(),
                refused.description());
        if (refused.error().equals("invalid_client")) {
            return new Outcome.Failed(502, "Discord refused StarkBot's client credentials: the client secret "
                    + "configured in StarkBot is not the application's current one (Developer Portal, OAuth2).");
        }
        if (refused.description().contains("redirect_uri")) {
            return new Outcome.Failed(502, "Discord refused StarkBot's redirect URL: it must be listed, exactly, "
                    + "among the application's OAuth2 redirects in the Developer Portal.");
        }
        if (refused.error().equals("invalid_grant")) {
            return new Outcome.Failed(400, "Discord refused the authorization code: it has expired or was already "
                    + "used. Try again with a new link.");
        }
        return new Outcome.Failed(502, "Discord refused the code exchange (" + refused.error() + ").");
    }

    /** The permissions asked for that the redirect says were not granted; informative only, as it is unsigned. */
    private static List<String> missing(@Nullable String granted) {
        if (granted == null) {
            return List.of();
        }
        try {
            long missing = PERMISSIONS & ~Long.parseLong(granted);
            return Permission.getPermissions(missing).stream().map(Permission::getName).toList();
        } catch (NumberFormatException e) {
            return List.of();
        }
    }

    /** Whether the install link asks Discord to send the owner back with a code StarkBot can exchange. */
    private boolean exchanges() {
        return !properties.redirectUrl().isBlank() && credentials.clientSecret().isPresent();
    }

    private String applicationId() {
        if (!properties.applicationId().isBlank()) {
            return properties.applicationId();
        }
        return credentials.botToken().map(discord::applicationId).orElseThrow(() -> PlatformException.notConfigured(
                "The install link needs the application's id: set starkbot.platforms.discord.application-id (the "
                        + "Developer Portal's Application ID), or a bot token (starkbot.platforms.discord.bot-token "
                        + "or DISCORD_BOT_TOKEN) to look it up"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
