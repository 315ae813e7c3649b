package dev.starkbot.platform.discord.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.starkbot.platform.AccessPolicy;
import dev.starkbot.platform.IncomingMessage;
import dev.starkbot.platform.spi.DeliveryException;
import dev.starkbot.platform.spi.PlatformContext;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Message;

/**
 * What was written to the bot while StarkBot was away. Discord replays missed events only to a resumed session; a
 * new one (after a restart, or when Discord refused to resume) starts from now. So on each new session, the chats the
 * bot answered lately are read back from the newest message recorded in each, and what came after is recorded as if
 * it had arrived: the inbox's unique key makes a message already recorded a no-op.
 */
final class DiscordCatchUp {

    private static final Logger log = LoggerFactory.getLogger(DiscordCatchUp.class);
    /** Chats read back, the most recently active first; each costs one request (two for a direct chat). */
    static final int MAX_CHATS = 50;
    /** Discord's page size: more than this many messages in one chat while away, and the oldest are read. */
    static final int MAX_MESSAGES = 100;

    private final PlatformContext context;
    private final AccessPolicy access;
    private final Duration timeout;

    DiscordCatchUp(PlatformContext context, AccessPolicy access, Duration timeout) {
        this.context = context;
        this.access = access;
        this.timeout = timeout;
    }

    /**
     * Where each chat stands when the session is made: taken before any message of the new session is recorded, or a
     * live message would become the chat's newest and hide what was written before it.
     */
    List<IncomingMessage> markers(JDA jda) {
        return context.latestPerChat(jda.getSelfUser().getId(), MAX_CHATS);
    }

    /** Returns how many messages addressed to the bot were read back (those recorded before are recorded once). */
    int run(JDA jda, List<IncomingMessage> markers) throws InterruptedException {
        String botId = jda.getSelfUser().getId();
        // READY comes before JDA calls itself connected; a direct chat's channel is opened only once it is
        for (long waited = 0; jda.getStatus() != JDA.Status.CONNECTED; waited += 50) {
            if (waited > timeout.toMillis() || jda.getStatus() == JDA.Status.SHUTDOWN) {
                return 0;
            }
            Thread.sleep(50);
        }
        int read = 0;
        for (IncomingMessage latest : markers) {
            try {
                read += chat(jda, botId, latest);
            } catch (DeliveryException | RuntimeException e) {
                // one chat gone (a server left, a person who blocked the bot) must not stop the others
                log.info("Could not read back Discord chat {}: {}", latest.chatId(), e.getMessage());
            }
        }
        if (read > 0) {
            log.info("Read back {} Discord message(s) written since the last session", read);
        }
        return read;
    }

    private int chat(JDA jda, String botId, IncomingMessage latest) throws DeliveryException {
        // snowflakes grow with time whatever they name, so an interaction's id marks a moment as well as a message's
        List<Message> page = DiscordCalls.complete(DiscordChannels.find(jda, latest.chatId(), timeout)
                .getHistoryAfter(latest.externalId(), MAX_MESSAGES), "read a chat's history", timeout)
                .getRetrievedHistory();
        List<Message> oldestFirst = new ArrayList<>(page);
        oldestFirst.sort(Comparator.comparingLong(Message::getIdLong));
        int read = 0;
        for (Message message : oldestFirst) {
            IncomingMessage incoming = DiscordMessages.from(message, botId);
            if (incoming != null && (incoming.addressedToBot() || access.groups() == AccessPolicy.Groups.ALL)) {
                context.receive(incoming);
                read++;
            }
        }
        return read;
    }
}
