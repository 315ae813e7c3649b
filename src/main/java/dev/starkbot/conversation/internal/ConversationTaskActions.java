package dev.starkbot.conversation.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import dev.starkbot.ai.ContentBlock;
import dev.starkbot.command.CommandService;
import dev.starkbot.conversation.ChatEvent;
import dev.starkbot.conversation.Conversation;
import dev.starkbot.conversation.ConversationsProperties;
import dev.starkbot.conversation.Message;
import dev.starkbot.conversation.TurnResult;
import dev.starkbot.schedule.spi.TaskAction;
import dev.starkbot.schedule.spi.TaskRun;
import dev.starkbot.shared.InvalidField;
import dev.starkbot.user.Role;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The scheduled task types of conversations: {@code message} posts a text into one of the owner's conversations (a
 * reminder), {@code ai-prompt} runs a turn with a prompt and leaves the answer there (a daily briefing). Both act
 * only on conversations the owner has; platforms deliver what lands in a conversation linked to them.
 */
final class ConversationTaskActions {

    private ConversationTaskActions() {
    }

    /** Checks a conversation id parameter: present, and the owner's own. */
    static void conversation(ConversationRepository conversations, String ownerId, JsonNode params, boolean required,
                             List<InvalidField> errors) {
        JsonNode id = params.path("conversationId");
        if (id.isMissingNode() || id.isNull()) {
            if (required) {
                errors.add(new InvalidField("conversationId", "is required"));
            }
        } else if (!id.isString() || conversations.find(ownerId, id.asString()).isEmpty()) {
            errors.add(new InvalidField("conversationId", "is not one of your conversations"));
        }
    }

    static void text(JsonNode params, String field, int max, List<InvalidField> errors) {
        JsonNode text = params.path(field);
        if (!text.isString() || text.asString().isBlank()) {
            errors.add(new InvalidField(field, "is required"));
        } else if (text.asString().length() > max) {
            errors.add(new InvalidField(field, "has at most " + max + " characters"));
        }
    }

    @Component
    static class MessageTask implements TaskAction {

        private final ConversationRepository conversations;
        private final TurnRunner turns;
        private final ConversationsProperties properties;
        private final ApplicationEventPublisher events;
        private final JsonMapper json;

        MessageTask(ConversationRepository conversations, TurnRunner turns, ConversationsProperties properties,
                    ApplicationEventPublisher events, JsonMapper json) {
            this.conversations = conversations;
            this.turns = turns;
            this.properties = properties;
            this.events = events;
            this.json = json;
        }

        @Override
        public String type() {
            return "message";
        }

        @Override
        public List<InvalidField> validate(String ownerId, JsonNode params) {
            List<InvalidField> errors = new ArrayList<>();
            conversation(conversations, ownerId, params, true, errors);
            text(params, "text", properties.maxMessageChars(), errors);
            return errors;
        }

        /** Stored as a notice: it speaks to the person, and is not something the model said or should answer. */
        @Override
        public String run(TaskRun run) {
            String conversationId = run.params().path("conversationId").asString();
            conversations.find(run.ownerId(), conversationId)
                    .orElseThrow(() -> new IllegalStateException("the conversation no longer exists"));
            Message message = turns.notice(conversationId, run.params().path("text").asString(), "schedule");
            var data = json.createObjectNode().put("conversationId", conversationId).put("text", message.text())
                    .put("scheduleId", run.scheduleId());
            data.set("message", json.valueToTree(message));
            events.publishEvent(new ChatEvent(run.ownerId(), conversationId, "notice", data));
            return json.createObjectNode().put("messageId", message.id()).toString();
        }
    }

    @Component
    static class AiPromptTask implements TaskAction {

        private final ConversationRepository conversations;
        private final DefaultConversationService service;
        private final ConversationsProperties properties;
        private final CommandService commands;
        private final JsonMapper json;
        private final Clock clock;

        AiPromptTask(ConversationRepository conversations, DefaultConversationService service,
                     ConversationsProperties properties, CommandService commands, JsonMapper json, Clock clock) {
            this.conversations = conversations;
            this.service = service;
            this.commands = commands;
            this.properties = properties;
            this.json = json;
            this.clock = clock;
        }

        @Override
        public String type() {
            return "ai-prompt";
        }

        private String title(String prompt) {
            return MemoryJobs.cut(prompt, 60) + " (" + java.time.LocalDate.ofInstant(clock.instant(),
                    java.time.ZoneOffset.UTC) + ")";
        }

        @Override
        public List<InvalidField> validate(String ownerId, JsonNode params) {
            List<InvalidField> errors = new ArrayList<>();
            conversation(conversations, ownerId, params, false, errors);
            text(params, "prompt", properties.maxMessageChars(), errors);
            if (errors.isEmpty() && commands.handles(params.path("prompt").asString())) {
                errors.add(new InvalidField("prompt", "is a command; a scheduled prompt is sent to the model"));
            }
            return errors;
        }

        /**
         * Runs a turn as the owner, in the given conversation or else in a new one per run (named after the day), so
         * that a briefing is one conversation the person can read and answer.
         */
        @Override
        public String run(TaskRun run) {
            @Nullable String given = run.params().path("conversationId").isString()
                    ? run.params().path("conversationId").asString() : null;
            Conversation conversation = given != null ? conversations.find(run.ownerId(), given)
                    .orElseThrow(() -> new IllegalStateException("the conversation no longer exists"))
                    : service.create(run.ownerId(), title(run.params().path("prompt").asString()), null, null,
                    "schedule");
            // a schedule acts for a person who is not there: never with more than a user's rights
            TurnResult turn = service.send(run.ownerId(), conversation.id(), run.params().path("prompt").asString(),
                    "schedule", Role.USER, event -> {
                    });
            String answer = turn.messages().isEmpty() ? ""
                    : ContentBlock.plainText(turn.messages().getLast().content());
            return json.createObjectNode().put("conversationId", conversation.id()).put("stopReason",
                    turn.stopReason()).put("answer", MemoryJobs.cut(answer, 2000)).toString();
        }
    }
}
