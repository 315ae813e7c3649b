package dev.starkbot.conversation.internal;

import java.time.Clock;
import java.util.UUID;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

import dev.starkbot.ai.Cancellation;
import dev.starkbot.command.CommandContext;
import dev.starkbot.command.CommandResult;
import dev.starkbot.command.CommandService;
import dev.starkbot.conversation.ChatEvent;
import dev.starkbot.conversation.Conversation;
import dev.starkbot.conversation.ConversationException;
import dev.starkbot.conversation.ConversationService;
import dev.starkbot.conversation.ConversationsProperties;
import dev.starkbot.conversation.Message;
import dev.starkbot.conversation.TurnResult;
import dev.starkbot.usage.UsageService;
import dev.starkbot.user.Role;
import dev.starkbot.user.UserService;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

@Service
class DefaultConversationService implements ConversationService {

    private final ConversationRepository conversations;
    private final TurnRunner turns;
    private final RunningTurns running;
    private final UsageService usage;
    private final MemoryJobs memoryJobs;
    private final ConversationsProperties properties;
    private final ApplicationEventPublisher events;
    private final CommandService commands;
    private final UserService users;
    private final JsonMapper json;
    private final Clock clock;

    DefaultConversationService(ConversationRepository conversations, TurnRunner turns, RunningTurns running,
                               UsageService usage, MemoryJobs memoryJobs, ConversationsProperties properties,
                               ApplicationEventPublisher events, CommandService commands, UserService users,
                               JsonMapper json, Clock clock) {
        this.conversations = conversations;
        this.turns = turns;
        this.running = running;
        this.usage = usage;
        this.memoryJobs = memoryJobs;
        this.properties = properties;
        this.events = events;
        this.commands = commands;
        this.users = users;
        this.json = json;
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
    public TurnResult send(String ownerId, String conversationId, String text, String platform, Role role,
                           Consumer<ChatEvent> listener) {
        return send(ownerId, conversationId, text, platform, role, null, listener);
    }

    @Override
    public TurnResult send(String ownerId, String conversationId, String text, String platform, Role role,
                           @Nullable String messageKey, Consumer<ChatEvent> listener) {
        if (text.isBlank() || text.length() > properties.maxMessageChars()) {
            throw ConversationException.invalid("a message has 1 to " + properties.maxMessageChars()
                    + " characters");
        }
        Conversation conversation = conversations.find(ownerId, conversationId)
                .orElseThrow(() -> ConversationException.notFound("conversation"));
        if (commands.handles(text)) {
            // before the budget and the one-turn rule: /stop must work while a reply is being written
            return command(ownerId, conversationId, text, platform, role, listener);
        }
        if (messageKey != null) {
            // before the budget and the one-turn rule: a finished turn is answered from what was stored
            java.util.Optional<TurnResult> replayed = turns.replay(ownerId, conversation, messageKey, listener);
            if (replayed.isPresent()) {
                return replayed.get();
            }
        }
        usage.checkBudget(ownerId);
        Cancellation cancellation = running.start(ownerId, conversationId);
        try {
            TurnResult result = turns.run(ownerId, conversation, text, platform, messageKey, cancellation, event -> {
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

    /** A command is answered, not stored: it is an instruction to StarkBot, not part of the conversation. */
    private TurnResult command(String ownerId, String conversationId, String text, String platform, Role asked,
                               Consumer<ChatEvent> listener) {
        Role role = users.activeRole(ownerId).orElseThrow(() -> ConversationException.notFound("user")).min(asked);
        CommandResult result = commands.run(new CommandContext(ownerId, role, conversationId, platform), text);
        String turnId = UUID.randomUUID().toString();
        ObjectNode data = json.createObjectNode().put("conversationId", conversationId).put("turnId", turnId)
                .put("text", result.text());
        if (result.conversationId() != null) {
            data.put("switchTo", result.conversationId());
        }
        ChatEvent event = new ChatEvent(ownerId, conversationId, "command", data);
        try {
            listener.accept(event);
        } finally {
            events.publishEvent(event);
        }
        return new TurnResult(turnId, java.util.List.of(), "command", new Message.Usage(0, 0, 0, 0, 0),
                result.text(), result.conversationId());
    }

    @Override
    public boolean abort(String ownerId, String conversationId) {
        conversations.find(ownerId, conversationId).orElseThrow(() -> ConversationException.notFound("conversation"));
        return running.abort(conversationId);
    }
}
