package dev.starkbot.conversation.internal;

import java.time.Clock;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

import dev.starkbot.ai.Cancellation;
import dev.starkbot.conversation.ChatEvent;
import dev.starkbot.conversation.Conversation;
import dev.starkbot.conversation.ConversationException;
import dev.starkbot.conversation.ConversationService;
import dev.starkbot.conversation.ConversationsProperties;
import dev.starkbot.conversation.TurnResult;
import dev.starkbot.usage.UsageService;

@Service
class DefaultConversationService implements ConversationService {

    private final ConversationRepository conversations;
    private final TurnRunner turns;
    private final RunningTurns running;
    private final UsageService usage;
    private final MemoryJobs memoryJobs;
    private final ConversationsProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    DefaultConversationService(ConversationRepository conversations, TurnRunner turns, RunningTurns running,
                               UsageService usage, MemoryJobs memoryJobs, ConversationsProperties properties,
                               ApplicationEventPublisher events, Clock clock) {
        this.conversations = conversations;
        this.turns = turns;
        this.running = running;
        this.usage = usage;
        this.memoryJobs = memoryJobs;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public Conversation create(String ownerId, @Nullable String title, @Nullable String personaId,
                               @Nullable String model, String platform) {
        if (conversations.count(ownerId) >= properties.maxConversations()) {
            throw ConversationException.tooMany("conversations", properties.maxConversations());
        }
        return conversations.create(ownerId, title, personaId, model, platform, clock.millis());
    }

    @Override
    public TurnResult send(String ownerId, String conversationId, String text, String platform,
                           Consumer<ChatEvent> listener) {
        if (text.isBlank() || text.length() > properties.maxMessageChars()) {
            throw ConversationException.invalid("a message has 1 to " + properties.maxMessageChars()
                    + " characters");
        }
        Conversation conversation = conversations.find(ownerId, conversationId)
                .orElseThrow(() -> ConversationException.notFound("conversation"));
        usage.checkBudget(ownerId);
        Cancellation cancellation = running.start(ownerId, conversationId);
        try {
            TurnResult result = turns.run(ownerId, conversation, text, platform, cancellation, event -> {
                try {
                    listener.accept(event);
                } finally {
                    // the other screens get the event even when the requester's connection is gone
                    events.publishEvent(event);
                }
            });
            memoryJobs.afterTurn(ownerId, conversation);
            return result;
        } finally {
            running.end(ownerId, conversationId, cancellation);
        }
    }

    @Override
    public boolean abort(String ownerId, String conversationId) {
        conversations.find(ownerId, conversationId).orElseThrow(() -> ConversationException.notFound("conversation"));
        return running.abort(conversationId);
    }
}
