package dev.starkbot.platform.discord.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.starkbot.command.CommandSpec;
import dev.starkbot.platform.AccessPolicy;
import dev.starkbot.platform.Attachment;
import dev.starkbot.platform.IncomingMessage;
import dev.starkbot.platform.OutgoingMessage;
import dev.starkbot.platform.PlatformStatus;
import dev.starkbot.platform.discord.DiscordProperties;
import dev.starkbot.platform.spi.Buttons;
import dev.starkbot.platform.spi.DeliveryException;
import dev.starkbot.platform.spi.Media;
import dev.starkbot.platform.spi.MessageEditing;
import dev.starkbot.platform.spi.MessageFormat;
import dev.starkbot.platform.spi.Platform;
import dev.starkbot.platform.spi.PlatformContext;
import dev.starkbot.platform.spi.Reactions;
import dev.starkbot.platform.spi.SlashCommands;
import dev.starkbot.platform.spi.TypingIndicator;
import dev.starkbot.settings.SettingChanged;
import dev.starkbot.shared.StarkBotProperties;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.entities.emoji.Emoji;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.requests.restaction.MessageCreateAction;
import net.dv8tion.jda.api.utils.messages.MessageEditData;

/**
 * Discord through JDA: direct messages and server channels where the bot is mentioned or replied to, Discord Markdown
 * replies streamed as edits of one message, the typing indicator, a reaction as acknowledgement, buttons, files in
 * and out, and the command registry as slash commands (answered in place of their "thinking…" placeholder). JDA keeps
 * the Gateway alive: heartbeats, resume after a dropped connection (Discord replays what was sent meanwhile),
 * reconnect with backoff, a new session after an invalid one, and each REST route's rate limit from its headers.
 * Started when a bot token is found; a token saved later in the settings starts it then.
 */
@Component
@ConditionalOnProperty(name = "starkbot.platforms.discord.enabled", havingValue = "true", matchIfMissing = true)
class DiscordPlatform implements Platform, MessageEditing, TypingIndicator, Reactions, Buttons, Media, SlashCommands,
        DiscordListener.Sessions {

    private static final Logger log = LoggerFactory.getLogger(DiscordPlatform.class);
    /** A message with files may take this many request timeouts. */
    private static final int UPLOAD_TIMEOUTS = 4;

    private final DiscordProperties properties;
    private final DiscordCredentials credentials;
    private final DiscordConnector connector;
    private final DiscordInteractions interactions;
    private final MessageFormat format = new DiscordMarkdown();
    private volatile @Nullable DiscordConnection connection;
    private volatile @Nullable DiscordListener listener;
    private volatile @Nullable PlatformContext context;
    private volatile List<CommandSpec> menu = List.of();
    /** Held while slash commands are registered, apart from the lock of start and stop (which must not wait on it). */
    private final Object commandSync = new Object();
    /** Counts starts and stops: a connection attempt of an earlier start gives up instead of connecting. */
    private volatile int generation;

    DiscordPlatform(DiscordProperties properties, DiscordCredentials credentials, StarkBotProperties starkbot) {
        this.properties = properties;
        this.credentials = credentials;
        this.connector = new DiscordConnector(properties, starkbot.dataDir().toAbsolutePath().normalize());
        this.interactions = new DiscordInteractions();
    }

    @Override
    public String name() {
        return DiscordMessages.PLATFORM;
    }

    @Override
    public AccessPolicy access() {
        return properties.access();
    }

    @Override
    public MessageFormat format() {
        return format;
    }

    @Override
    public synchronized void start(PlatformContext context) {
        this.context = context;
        Optional<String> token = credentials.botToken();
        if (token.isEmpty()) {
            context.status(PlatformStatus.State.STOPPED, "no bot token: set DISCORD_BOT_TOKEN or the setting "
                    + DiscordCredentials.TOKEN_SETTING);
            return;
        }
        context.status(PlatformStatus.State.CONNECTING, null);
        int started = ++generation;
        DiscordListener events = new DiscordListener(context, access(), interactions, this,
                () -> menu.stream().noneMatch(spec -> spec.name().equals(DiscordCommands.ASK)));
        listener = events;
        Thread.ofVirtual().name("discord-connect").start(() -> {
            DiscordConnection made = connector.connect(context, token.get(), events, () -> generation == started);
            boolean kept;
            synchronized (this) {
                kept = made != null && generation == started;
                if (kept) {
                    connection = made;
                }
            }
            if (made != null && !kept) {
                // superseded while logging in: closed outside the lock, which stop() and start() need meanwhile
                events.stopping();
                made.close();
            }
        });
    }

    @Override
    public void stop() {
        DiscordConnection current;
        synchronized (this) {
            generation++;
            current = connection;
            connection = null;
            context = null;
            if (listener != null) {
                listener.stopping();
            }
        }
        if (current != null) {
            current.close();
        }
    }

    @EventListener
    void on(SettingChanged changed) {
        PlatformContext current = context;
        if (changed.key().equals(DiscordCredentials.TOKEN_SETTING) && current != null) {
            log.info("The Discord bot token changed; reconnecting");
            stop();
            start(current);
        }
    }

    @EventListener
    void on(DiscordGuildAdded added) {
        DiscordConnection current = connection;
        if (current != null) {
            guildJoined(current.jda(), added.guildId());
        }
    }

    @Override
    public String send(OutgoingMessage message) throws DeliveryException {
        DiscordConnection current = connected();
        List<Path> files = files(message);
        // files take longer than a message: up to 25 MB may go up
        Duration deadline = files.isEmpty() ? timeout() : timeout().multipliedBy(UPLOAD_TIMEOUTS);
        Optional<InteractionHook> deferred = interactions.takeDeferred(message.inResponseTo());
        if (deferred.isPresent()) {
            try {
                Message sent = DiscordCalls.complete(deferred.get().editOriginal(built(() -> DiscordReplies.replace(
                        message, files))), "answer a command", deadline);
                interactions.answered(sent.getId(), deferred.get());
                return sent.getId();
            } catch (DeliveryException e) {
                if (!e.permanent()) {
                    // the edit may have landed before the failure: tried again in place, where a second edit with
                    // the same text changes nothing, rather than as a second message in the channel
                    interactions.deferred(message.inResponseTo(), deferred.get());
                    throw e;
                }
                log.info("Could not answer a slash command in place ({}); sending to the channel", e.getMessage());
            }
        }
        MessageCreateAction action = channel(current, message.chatId()).sendMessage(built(() -> DiscordReplies.create(
                message, files)));
        if (message.replyTo() != null) {
            // the answer still arrives when the person deleted their message meanwhile; no second ping for it
            action.setMessageReference(message.replyTo()).failOnInvalidReply(false).mentionRepliedUser(false);
        }
        return DiscordCalls.complete(action, "send a message", deadline).getId();
    }

    /** A message JDA refuses to build (too long, too many parts) would be refused again: a permanent failure. */
    private static <T> T built(Supplier<T> builder) throws DeliveryException {
        try {
            return builder.get();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw DeliveryException.permanentFailure("the message cannot be built: " + e.getMessage());
        }
    }

    @Override
    public void edit(String chatId, String messageId, String text) throws DeliveryException {
        MessageEditData edit = built(() -> DiscordReplies.text(text));
        Optional<InteractionHook> hook = interactions.answer(messageId);
        if (hook.isPresent()) {
            try {
                DiscordCalls.complete(hook.get().editOriginal(edit), "edit a command's answer", timeout());
                return;
            } catch (DeliveryException e) {
                if (!e.permanent()) {
                    throw e;
                }
                // the hook ran out as it was used: the answer is the bot's own message, editable in its channel
                log.debug("Editing a command's answer through its channel: {}", e.getMessage());
            }
        }
        DiscordCalls.complete(channel(connected(), chatId).editMessageById(messageId, edit), "edit a message",
                timeout());
    }

    /** A slash command the router will not answer: its "thinking…" placeholder is removed rather than left hanging. */
    @Override
    public void unanswered(IncomingMessage message) {
        Optional<InteractionHook> deferred = interactions.takeDeferred(message.messageId());
        if (deferred.isPresent()) {
            try {
                DiscordCalls.complete(deferred.get().deleteOriginal(), "remove a command's placeholder", timeout());
            } catch (DeliveryException e) {
                log.debug("Could not remove a slash command's placeholder: {}", e.getMessage());
            }
        }
    }

    @Override
    public void typing(String chatId, @Nullable String threadId) throws DeliveryException {
        DiscordCalls.complete(channel(connected(), chatId).sendTyping(), "show typing", timeout());
    }

    @Override
    public void react(String chatId, String messageId, String emoji) throws DeliveryException {
        if (interactions.isDeferred(messageId)) {
            // a slash command is no message to react to; its "thinking…" placeholder already says it
            return;
        }
        DiscordCalls.complete(channel(connected(), chatId).addReactionById(messageId, Emoji.fromUnicode(emoji)),
                "react", timeout());
    }

    @Override
    public void answer(String callbackId, @Nullable String text) throws DeliveryException {
        // the press was acknowledged when it came; only a text is left to show, to the presser alone
        Optional<InteractionHook> hook = interactions.press(callbackId);
        if (text != null && hook.isPresent()) {
            DiscordCalls.complete(hook.get().sendMessage(text).setEphemeral(true), "answer a button", timeout());
        }
    }

    @Override
    public Attachment download(Attachment attachment, String chatId) throws DeliveryException {
        return connected().files().download(attachment, chatId);
    }

    @Override
    public long maxDownloadBytes() {
        return properties.maxFileBytes();
    }

    @Override
    public void setCommands(List<CommandSpec> commands) throws DeliveryException {
        menu = List.copyOf(commands);
        DiscordConnection current = connection;
        if (current != null && current.ready()) {
            syncCommands(current.jda());
        }
    }

    /**
     * A new session: what was written while there was none is read back, and the command menu is set again. JDA calls
     * this on its reading thread, before the session's first message: the chats' markers are read here, the rest runs
     * on threads of its own, since that thread must not wait on Discord.
     */
    @Override
    public void ready(JDA jda) {
        PlatformContext current = context;
        if (current != null) {
            DiscordCatchUp catchUp = new DiscordCatchUp(current, access(), timeout());
            List<IncomingMessage> markers = catchUp.markers(jda);
            Thread.ofVirtual().name("discord-catch-up").start(() -> {
                try {
                    catchUp.run(jda, markers);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        Thread.ofVirtual().name("discord-commands").start(() -> {
            try {
                syncCommands(jda);
            } catch (DeliveryException e) {
                // messages still work without slash commands
                log.warn("Could not set Discord's slash commands: {}", e.getMessage());
            }
        });
    }

    /** One registration at a time, of the newest menu: an older list never overwrites a newer one. */
    private void syncCommands(JDA jda) throws DeliveryException {
        synchronized (commandSync) {
            new DiscordCommandSync(properties, menu, timeout()).all(jda);
        }
    }

    @Override
    public void guildJoined(JDA jda, String guildId) {
        Thread.ofVirtual().name("discord-commands").start(() -> {
            Guild guild = jda.getGuildById(guildId);
            try {
                if (guild != null) {
                    syncGuild(guild);
                }
            } catch (DeliveryException e) {
                log.warn("Could not set the slash commands of a new server: {}", e.getMessage());
            }
        });
    }

    private void syncGuild(Guild guild) throws DeliveryException {
        synchronized (commandSync) {
            new DiscordCommandSync(properties, menu, timeout()).guild(guild);
        }
    }

    private List<Path> files(OutgoingMessage message) throws DeliveryException {
        List<Path> files = new ArrayList<>();
        for (Attachment attachment : message.attachments()) {
            files.add(context().file(attachment.path()));
        }
        return files;
    }

    private MessageChannel channel(DiscordConnection current, String chatId) throws DeliveryException {
        return DiscordChannels.find(current.jda(), chatId, timeout());
    }

    private Duration timeout() {
        return properties.requestTimeout();
    }

    private DiscordConnection connected() throws DeliveryException {
        DiscordConnection current = connection;
        if (current == null) {
            throw DeliveryException.transientFailure("Discord is not connected", null);
        }
        return current;
    }

    private PlatformContext context() throws DeliveryException {
        PlatformContext current = context;
        if (current == null) {
            throw DeliveryException.transientFailure("Discord is not started", null);
        }
        return current;
    }
}
