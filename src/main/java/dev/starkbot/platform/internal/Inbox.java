package dev.starkbot.platform.internal;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import dev.starkbot.conversation.ConversationService;
import dev.starkbot.platform.IncomingMessage;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where adapters hand over what they receive: recorded (once, whatever the redeliveries) before the adapter may
 * acknowledge it, then picked up by the {@link InboxWorker}.
 */
@Component
class Inbox {

    /** {@code /stop} (possibly {@code /stop@botname}) acts at once: it must not wait behind the reply it stops. */
    private static final Pattern STOP = Pattern.compile("\\s*/stop(@\\w+)?\\s*");

    private final InboxRepository repository;
    private final RunningChats running;
    private final ConversationService conversations;
    private final JsonMapper json;
    private final Stamps stamps;
    final Semaphore arrivals = new Semaphore(0);

    Inbox(InboxRepository repository, RunningChats running, ConversationService conversations, JsonMapper json,
          Clock clock) {
        this.repository = repository;
        this.running = running;
        this.conversations = conversations;
        this.json = json;
        this.stamps = new Stamps(clock);
    }

    void receive(IncomingMessage message) {
        String chatKey = ChatKeys.chat(message);
        boolean fresh = repository.insert(message.platform(), message.account(), message.externalId(), chatKey,
                json.writeValueAsString(message), stamps.next());
        if (!fresh) {
            return;
        }
        if (message.callback() == null && STOP.matcher(message.text()).matches()) {
            // the /stop message itself is answered in its turn, after the stopped reply
            // only by the person whose message is being answered: in a group, others cannot cut the bot off
            running.find(chatKey).filter(turn -> turn.senderId().equals(message.senderId()))
                    .ifPresent(turn -> conversations.abort(turn.ownerId(), turn.conversationId()));
        }
        arrivals.release();
    }

    /** Each chat's newest recorded message since {@code since} (epoch ms), most recently active chats first. */
    List<IncomingMessage> latestPerChat(String platform, String account, long since, int maxChats) {
        return repository.latestPerChat(platform, account, since, maxChats).stream()
                .map(message -> json.readValue(message, IncomingMessage.class)).toList();
    }
}
