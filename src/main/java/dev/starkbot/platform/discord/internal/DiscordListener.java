package dev.starkbot.platform.discord.internal;

import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.starkbot.platform.AccessPolicy;
import dev.starkbot.platform.IncomingMessage;
import dev.starkbot.platform.PlatformStatus;
import dev.starkbot.platform.spi.PlatformContext;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.events.StatusChangeEvent;
import net.dv8tion.jda.api.events.guild.GuildJoinEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.events.session.SessionRecreateEvent;
import net.dv8tion.jda.api.events.session.SessionResumeEvent;
import net.dv8tion.jda.api.events.session.ShutdownEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.requests.CloseCode;

/**
 * What JDA reports, handed to the router. JDA calls this on its Gateway reading thread, one event at a time and in
 * order, so a message is recorded before the next event is read. Interactions are acknowledged at once (Discord allows
 * three seconds) and answered later through their hooks.
 */
final class DiscordListener extends ListenerAdapter {

    private static final Logger log = LoggerFactory.getLogger(DiscordListener.class);
    /** 0.1 + 0.2 + 0.4 s at most: an interaction waiting behind this one must still be acknowledged within 3 s. */
    private static final int RECORD_ATTEMPTS = 4;

    /** What the adapter does once JDA is (again) connected with a new session: its command menu. */
    interface Sessions {
        void ready(JDA jda);

        void guildJoined(JDA jda, String guildId);
    }

    private final PlatformContext context;
    private final AccessPolicy access;
    private final DiscordInteractions interactions;
    private final Sessions sessions;
    private final BooleanSupplier askIsOurs;
    private volatile boolean stopping;
    /** Whether a session was ever ready: a login that failed before is reported by the connector, which retries. */
    private volatile boolean readyOnce;

    DiscordListener(PlatformContext context, AccessPolicy access, DiscordInteractions interactions, Sessions sessions,
                    BooleanSupplier askIsOurs) {
        this.context = context;
        this.access = access;
        this.interactions = interactions;
        this.sessions = sessions;
        this.askIsOurs = askIsOurs;
    }

    void stopping() {
        stopping = true;
    }

    @Override
    public void onMessageReceived(MessageReceivedEvent event) {
        IncomingMessage message = DiscordMessages.from(event.getMessage(), event.getJDA().getSelfUser().getId());
        if (message == null || !message.addressedToBot() && access.groups() != AccessPolicy.Groups.ALL) {
            // a server's chatter the bot was not asked about is not even recorded
            return;
        }
        record(message);
    }

    @Override
    public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
        String botId = event.getJDA().getSelfUser().getId();
        IncomingMessage message = DiscordMessages.from(event, botId, event.getId(),
                DiscordCommands.text(event, askIsOurs.getAsBoolean()), null);
        // "thinking…" until the answer replaces it; the chat's next message is that answer
        interactions.deferred(event.getId(), event.getHook());
        event.deferReply().queue(null, failure -> log.info("Could not acknowledge /{}: {}", event.getName(),
                failure.getMessage()));
        if (!record(message)) {
            event.getHook().editOriginal("⚠️ StarkBot could not take this command now; please try again.")
                    .queue(null, failure -> log.debug("Could not say so: {}", failure.getMessage()));
        }
    }

    @Override
    public void onButtonInteraction(ButtonInteractionEvent event) {
        String botId = event.getJDA().getSelfUser().getId();
        interactions.pressed(event.getId(), event.getHook());
        // acknowledged without changing the message; a toast, if any, follows as a message only the presser sees
        event.deferEdit().queue(null, failure -> log.info("Could not acknowledge a button press: {}",
                failure.getMessage()));
        record(DiscordMessages.from(event, botId, event.getMessageId(), "",
                new IncomingMessage.Callback(event.getId(), event.getComponentId())));
    }

    @Override
    public void onReady(ReadyEvent event) {
        readyOnce = true;
        context.status(PlatformStatus.State.CONNECTED, null);
        sessions.ready(event.getJDA());
    }

    @Override
    public void onSessionResume(SessionResumeEvent event) {
        context.status(PlatformStatus.State.CONNECTED, null);
    }

    @Override
    public void onSessionRecreate(SessionRecreateEvent event) {
        context.status(PlatformStatus.State.CONNECTED, null);
        sessions.ready(event.getJDA());
    }

    @Override
    public void onGuildJoin(GuildJoinEvent event) {
        sessions.guildJoined(event.getJDA(), event.getGuild().getId());
    }

    @Override
    public void onStatusChange(StatusChangeEvent event) {
        if (stopping) {
            return;
        }
        switch (event.getNewStatus()) {
            case DISCONNECTED, WAITING_TO_RECONNECT, ATTEMPTING_TO_RECONNECT, RECONNECT_QUEUED ->
                    context.status(PlatformStatus.State.BACKING_OFF, "reconnecting to the Gateway");
            case FAILED_TO_LOGIN -> context.status(PlatformStatus.State.FAILED, "Discord refused the bot token");
            default -> {
                // connecting steps and CONNECTED are reported by the session events above
            }
        }
    }

    @Override
    public void onShutdown(ShutdownEvent event) {
        if (stopping || !readyOnce && event.getCode() == CloseCode.GRACEFUL_CLOSE.getCode()) {
            return;
        }
        context.status(PlatformStatus.State.FAILED, closed(event.getCloseCode(), event.getCode()));
    }

    /** Why Discord closed the session for good, in words an owner can act on. */
    static String closed(@Nullable CloseCode code, int raw) {
        if (code == CloseCode.DISALLOWED_INTENTS) {
            return "Discord refused the Message Content intent: enable it on the Developer Portal's Bot page, or set "
                    + "starkbot.platforms.discord.access.groups to mention";
        }
        if (code == CloseCode.AUTHENTICATION_FAILED) {
            return "Discord refused the bot token";
        }
        return "the Gateway closed the session (" + raw + (code == null ? "" : " " + code.getMeaning()) + ")";
    }

    /**
     * Records a message before the next event is read, trying a few times if the database is briefly unavailable.
     * Discord does not deliver an event again: a message that cannot be recorded is logged, and read back with the
     * chat's history after the next new session.
     */
    private boolean record(IncomingMessage message) {
        for (int attempt = 1; ; attempt++) {
            try {
                context.receive(message);
                return true;
            } catch (RuntimeException e) {
                if (attempt == RECORD_ATTEMPTS) {
                    log.error("Could not record Discord message {}; only a new session's read-back can find it again",
                            message.externalId(), e);
                    return false;
                }
                try {
                    Thread.sleep(50L << attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
    }
}
