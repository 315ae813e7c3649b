package dev.starkbot.platform.telegram.internal;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import com.pengrad.telegrambot.model.BotCommand;
import com.pengrad.telegrambot.model.Update;
import com.pengrad.telegrambot.model.request.InlineKeyboardButton;
import com.pengrad.telegrambot.model.request.InlineKeyboardMarkup;
import com.pengrad.telegrambot.model.request.ParseMode;
import com.pengrad.telegrambot.model.request.ReplyParameters;
import com.pengrad.telegrambot.request.AnswerCallbackQuery;
import com.pengrad.telegrambot.request.EditMessageText;
import com.pengrad.telegrambot.request.SendChatAction;
import com.pengrad.telegrambot.request.SendMessage;
import com.pengrad.telegrambot.request.SetMyCommands;

import dev.starkbot.command.CommandSpec;
import dev.starkbot.platform.AccessPolicy;
import dev.starkbot.platform.Attachment;
import dev.starkbot.platform.IncomingMessage;
import dev.starkbot.platform.OutgoingMessage;
import dev.starkbot.platform.PlatformStatus;
import dev.starkbot.platform.spi.Buttons;
import dev.starkbot.platform.spi.DeliveryException;
import dev.starkbot.platform.spi.Media;
import dev.starkbot.platform.spi.MessageEditing;
import dev.starkbot.platform.spi.MessageFormat;
import dev.starkbot.platform.spi.Platform;
import dev.starkbot.platform.spi.PlatformContext;
import dev.starkbot.platform.spi.SlashCommands;
import dev.starkbot.platform.spi.Threads;
import dev.starkbot.platform.spi.TypingIndicator;
import dev.starkbot.platform.telegram.TelegramProperties;
import dev.starkbot.settings.SettingChanged;
import dev.starkbot.settings.SettingsService;
import dev.starkbot.shared.StarkBotProperties;

/**
 * Telegram through the Bot API (java-telegram-bot-api): long polling or a webhook, text with HTML markup, edits for
 * streamed replies, the typing action, inline keyboards and their callbacks, photos, documents and voice notes, and
 * the command menu. Started when a bot token is found; a token saved later in the settings starts it then.
 */
@Component
@ConditionalOnProperty(name = "starkbot.platforms.telegram.enabled", havingValue = "true", matchIfMissing = true)
class TelegramPlatform implements Platform, MessageEditing, TypingIndicator, Buttons, Threads, Media, SlashCommands {

    private static final Logger log = LoggerFactory.getLogger(TelegramPlatform.class);
    static final String TOKEN_SETTING = "platforms.telegram.bot-token";

    private final TelegramProperties properties;
    private final Environment environment;
    private final SettingsService settings;
    private final MessageFormat format = new TelegramHtml();
    private final TelegramConnector connector;
    private volatile @Nullable TelegramConnection connection;
    private volatile @Nullable PlatformContext context;
    private volatile @Nullable List<CommandSpec> menu;
    /** Counts starts and stops: a connection attempt of an earlier start gives up instead of connecting. */
    private volatile int generation;

    TelegramPlatform(TelegramProperties properties, Environment environment, SettingsService settings,
                     StarkBotProperties starkbot) {
        this.properties = properties;
        this.environment = environment;
        this.settings = settings;
        this.connector = new TelegramConnector(properties, starkbot.dataDir().toAbsolutePath().normalize());
    }

    @Override
    public String name() {
        return "telegram";
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
    public Attachment download(Attachment attachment, String chatId) throws DeliveryException {
        try {
            return connected().files().download(attachment, chatId);
        } catch (TelegramFiles.DownloadException e) {
            throw DeliveryException.permanentFailure(e.getMessage());
        }
    }

    @Override
    public long maxDownloadBytes() {
        return properties.maxFileBytes();
    }

    @Override
    public synchronized void start(PlatformContext context) {
        this.context = context;
        Optional<String> token = token();
        if (token.isEmpty()) {
            context.status(PlatformStatus.State.STOPPED, "no bot token: set TELEGRAM_BOT_TOKEN or the setting "
                    + TOKEN_SETTING);
            return;
        }
        context.status(PlatformStatus.State.CONNECTING, null);
        int started = ++generation;
        Thread.ofVirtual().name("telegram-connect").start(() -> connect(context, token.get(), started));
    }

    /** Connects in the background; a start superseded meanwhile (stopped, new token) gives its connection up. */
    private void connect(PlatformContext context, String token, int started) {
        TelegramConnection made = connector.connect(context, token, () -> generation == started, this::receive);
        if (made == null) {
            return;
        }
        synchronized (this) {
            if (generation != started) {
                made.close();
                return;
            }
            if (made.poller() == null) {
                connection = made;
                context.status(PlatformStatus.State.CONNECTED, "webhook");
            } else {
                connection = made;
                Thread thread = Thread.ofVirtual().name("telegram-poll").start(made.poller());
                connection = new TelegramConnection(made.api(), made.polling(), made.me(), made.files(),
                        made.poller(), thread, null);
            }
        }
        List<CommandSpec> commands = menu;
        if (commands != null) {
            try {
                setCommands(commands);
            } catch (DeliveryException e) {
                // messages still work without a menu
                log.warn("Could not set Telegram's command menu: {}", e.getMessage());
            }
        }
    }

    /** Hands an update to the router; returns once it is recorded (the caller confirms it to Telegram then). */
    void receive(Update update) {
        TelegramConnection current = connection;
        PlatformContext target = context;
        if (current == null || target == null) {
            throw new IllegalStateException("Telegram is not started");
        }
        IncomingMessage message;
        try {
            message = TelegramUpdates.map(update, current.me());
        } catch (RuntimeException e) {
            // an update this adapter cannot read is skipped, not retried: asking for it again would stop every
            // later update behind it
            log.warn("Skipping Telegram update {} that could not be read", update.updateId(), e);
            return;
        }
        if (message == null || !message.addressedToBot() && access().groups() != AccessPolicy.Groups.ALL) {
            // a group's chatter the bot was not asked about is not even recorded
            return;
        }
        target.receive(message);
    }

    /** The webhook's secret, compared by the webhook endpoint; empty while not in webhook mode. */
    Optional<String> webhookSecret() {
        TelegramConnection current = connection;
        return current == null ? Optional.empty() : Optional.ofNullable(current.webhookSecret());
    }

    @Override
    public synchronized void stop() {
        generation++;
        TelegramConnection current = connection;
        connection = null;
        context = null;
        if (current != null) {
            current.close();
        }
    }

    @EventListener
    void on(SettingChanged changed) {
        PlatformContext current = context;
        if (changed.key().equals(TOKEN_SETTING) && current != null) {
            log.info("The Telegram bot token changed; reconnecting");
            stop();
            start(current);
        }
    }

    @Override
    public String send(OutgoingMessage message) throws DeliveryException {
        TelegramConnection current = connected();
        if (!message.attachments().isEmpty()) {
            return new TelegramMedia(current.api()).send(message, context());
        }
        SendMessage request = new SendMessage(message.chatId(), message.text()).parseMode(ParseMode.HTML);
        if (message.threadId() != null) {
            request.messageThreadId(Long.parseLong(message.threadId()));
        }
        if (message.replyTo() != null) {
            // the answer still arrives when the person deleted their message meanwhile
            request.replyParameters(new ReplyParameters(Integer.parseInt(message.replyTo()))
                    .allowSendingWithoutReply(true));
        }
        if (!message.buttons().isEmpty()) {
            request.replyMarkup(keyboard(message));
        }
        try {
            return Integer.toString(TelegramCalls.execute(current.api(), request, "sendMessage").message()
                    .messageId());
        } catch (DeliveryException e) {
            if (!TelegramCalls.unparsable(e)) {
                throw e;
            }
            // markup Telegram would not take must not lose the reply: it goes again as the text people would see
            log.warn("Telegram refused a message's markup ({}); sending it as plain text", e.getMessage());
            return send(new OutgoingMessage(message.chatId(), message.threadId(), TelegramHtml.text(
                    TelegramHtml.shown(message.text())), message.replyTo(), message.buttons(), List.of()));
        }
    }

    static InlineKeyboardMarkup keyboard(OutgoingMessage message) {
        InlineKeyboardMarkup markup = new InlineKeyboardMarkup();
        markup.addRow(message.buttons().stream()
                .map(button -> new InlineKeyboardButton(button.label()).callbackData(button.data()))
                .toArray(InlineKeyboardButton[]::new));
        return markup;
    }

    @Override
    public void edit(String chatId, String messageId, String text) throws DeliveryException {
        try {
            TelegramCalls.execute(connected().api(), new EditMessageText(chatId, Integer.parseInt(messageId), text)
                    .parseMode(ParseMode.HTML), "editMessageText");
        } catch (DeliveryException e) {
            if (TelegramCalls.unparsable(e)) {
                log.warn("Telegram refused an edit's markup ({}); editing it as plain text", e.getMessage());
                edit(chatId, messageId, TelegramHtml.text(TelegramHtml.shown(text)));
            } else if (!TelegramCalls.notModified(e)) {
                throw e;
            }
        }
    }

    @Override
    public void typing(String chatId, @Nullable String threadId) throws DeliveryException {
        SendChatAction action = new SendChatAction(chatId, "typing");
        if (threadId != null) {
            action.messageThreadId(Long.parseLong(threadId));
        }
        TelegramCalls.execute(connected().api(), action, "sendChatAction");
    }

    @Override
    public void answer(String callbackId, @Nullable String text) throws DeliveryException {
        AnswerCallbackQuery answer = new AnswerCallbackQuery(callbackId);
        if (text != null) {
            answer.text(text);
        }
        TelegramCalls.execute(connected().api(), answer, "answerCallbackQuery");
    }

    @Override
    public void setCommands(List<CommandSpec> commands) throws DeliveryException {
        menu = List.copyOf(commands);
        TelegramConnection current = connection;
        if (current == null) {
            // set once connected
            return;
        }
        BotCommand[] entries = commands.stream().limit(100)
                .map(command -> new BotCommand(command.name(), command.description().length() > 256
                        ? command.description().substring(0, 255) + "…" : command.description()))
                .toArray(BotCommand[]::new);
        TelegramCalls.execute(current.api(), new SetMyCommands(entries), "setMyCommands");
    }

    private TelegramConnection connected() throws DeliveryException {
        TelegramConnection current = connection;
        if (current == null) {
            throw DeliveryException.transientFailure("Telegram is not connected", null);
        }
        return current;
    }

    private PlatformContext context() throws DeliveryException {
        PlatformContext current = context;
        if (current == null) {
            throw DeliveryException.transientFailure("Telegram is not started", null);
        }
        return current;
    }

    private Optional<String> token() {
        if (properties.botToken() != null && !properties.botToken().isBlank()) {
            return Optional.of(properties.botToken().reveal());
        }
        String conventional = environment.getProperty("TELEGRAM_BOT_TOKEN");
        if (conventional != null && !conventional.isBlank()) {
            return Optional.of(conventional);
        }
        return settings.global(TOKEN_SETTING).filter(value -> !value.isBlank());
    }
}
