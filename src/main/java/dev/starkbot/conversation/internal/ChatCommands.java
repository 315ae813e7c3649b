package dev.starkbot.conversation.internal;

import java.time.Clock;

import org.springframework.stereotype.Component;

import dev.starkbot.ai.AiService;
import dev.starkbot.command.CommandContext;
import dev.starkbot.command.CommandException;
import dev.starkbot.command.CommandLine;
import dev.starkbot.command.CommandResult;
import dev.starkbot.command.CommandSpec;
import dev.starkbot.command.spi.Command;
import dev.starkbot.conversation.Conversation;
import dev.starkbot.persona.Persona;
import dev.starkbot.persona.PersonaService;

/**
 * The built-in commands about the conversation they are typed in: /new, /persona, /model, /stop, /compact and
 * /status.
 */
final class ChatCommands {

    private ChatCommands() {
    }

    /** The conversation a command acts on: the one it was typed in, which must be the person's own. */
    static Conversation current(ConversationRepository conversations, CommandContext context) {
        if (context.conversationId() == null) {
            throw CommandException.refused("this command works inside a conversation");
        }
        return conversations.find(context.userId(), context.conversationId())
                .orElseThrow(() -> CommandException.refused("this conversation is not yours"));
    }

    @Component
    static class NewCommand implements Command {

        private final DefaultConversationService service;
        private final ConversationRepository conversations;

        NewCommand(@org.springframework.context.annotation.Lazy DefaultConversationService service,
                   ConversationRepository conversations) {
            this.service = service;
            this.conversations = conversations;
        }

        @Override
        public CommandSpec spec() {
            return CommandSpec.of("new", "Start a new conversation with the same persona and model", "[title]");
        }

        @Override
        public CommandResult run(CommandContext context, CommandLine line) {
            Conversation from = context.conversationId() == null ? null
                    : conversations.find(context.userId(), context.conversationId()).orElse(null);
            String title = line.rest().isBlank() ? null : MemoryJobs.cut(line.rest(), 200);
            Conversation created = service.create(context.userId(), title, from == null ? null : from.personaId(),
                    from == null ? null : from.model(), context.platform());
            return new CommandResult("Started a new conversation.", created.id());
        }
    }

    @Component
    static class PersonaCommand implements Command {

        private final ConversationRepository conversations;
        private final PersonaService personas;
        private final Clock clock;

        PersonaCommand(ConversationRepository conversations, PersonaService personas, Clock clock) {
            this.conversations = conversations;
            this.personas = personas;
            this.clock = clock;
        }

        @Override
        public CommandSpec spec() {
            return CommandSpec.of("persona", "Show or choose this conversation's persona", "[name]");
        }

        @Override
        public CommandResult run(CommandContext context, CommandLine line) {
            Conversation conversation = current(conversations, context);
            if (line.rest().isBlank()) {
                return CommandResult.of("Persona: " + CommandResult.literal(personas.resolve(context.userId(),
                        conversation.personaId()).name()));
            }
            Persona persona = personas.find(context.userId(), line.rest())
                    .orElseThrow(() -> CommandException.refused("you have no persona named '" + line.rest() + "'"));
            conversations.update(context.userId(), conversation.id(), conversation.title(),
                    persona.builtIn() ? null : persona.id(), conversation.model(), clock.millis());
            return CommandResult.of("Persona set to " + CommandResult.literal(persona.name()) + ".");
        }
    }

    @Component
    static class ModelCommand implements Command {

        private final ConversationRepository conversations;
        private final AiService ai;
        private final Clock clock;

        ModelCommand(ConversationRepository conversations, AiService ai, Clock clock) {
            this.conversations = conversations;
            this.ai = ai;
            this.clock = clock;
        }

        @Override
        public CommandSpec spec() {
            return CommandSpec.of("model", "Show or choose this conversation's model (provider:model)", "[model]");
        }

        @Override
        public CommandResult run(CommandContext context, CommandLine line) {
            Conversation conversation = current(conversations, context);
            String model = line.rest().strip();
            if (model.isEmpty()) {
                return CommandResult.of("Model: " + CommandResult.literal(conversation.model() == null
                        ? "the default (" + ai.defaultModel() + ")" : conversation.model()));
            }
            if (model.length() > 150 || !model.matches("[^\\s\\p{Cntrl}]+")) {
                throw CommandException.refused("a model is written provider:model, without spaces");
            }
            String chosen = model.equals("default") ? null : ai.chain(model).getFirst().toString();
            conversations.update(context.userId(), conversation.id(), conversation.title(),
                    conversation.personaId(), chosen, clock.millis());
            return CommandResult.of("Model set to " + CommandResult.literal(chosen == null ? "the default" : chosen)
                    + ".");
        }
    }

    @Component
    static class StopCommand implements Command {

        private final ConversationRepository conversations;
        private final RunningTurns running;

        StopCommand(ConversationRepository conversations, RunningTurns running) {
            this.conversations = conversations;
            this.running = running;
        }

        @Override
        public CommandSpec spec() {
            return CommandSpec.of("stop", "Stop the reply being written", "");
        }

        @Override
        public CommandResult run(CommandContext context, CommandLine line) {
            Conversation conversation = current(conversations, context);
            return CommandResult.of(running.abort(conversation.id()) ? "Stopped." : "No reply is being written.");
        }
    }

    @Component
    static class CompactCommand implements Command {

        private final ConversationRepository conversations;
        private final MemoryJobs memoryJobs;

        CompactCommand(ConversationRepository conversations, MemoryJobs memoryJobs) {
            this.conversations = conversations;
            this.memoryJobs = memoryJobs;
        }

        @Override
        public CommandSpec spec() {
            return CommandSpec.of("compact", "Summarise the older part of this conversation now", "");
        }

        @Override
        public CommandResult run(CommandContext context, CommandLine line) {
            Conversation conversation = current(conversations, context);
            String job = memoryJobs.enqueueSummary(context.userId(), conversation.id(), true);
            return CommandResult.of("Summarising the older messages (job " + job + "); they stay stored, and the "
                    + "summary can be undone.");
        }
    }

    @Component
    static class StatusCommand implements Command {

        private final ConversationRepository conversations;
        private final PersonaService personas;
        private final AiService ai;

        StatusCommand(ConversationRepository conversations, PersonaService personas, AiService ai) {
            this.conversations = conversations;
            this.personas = personas;
            this.ai = ai;
        }

        @Override
        public CommandSpec spec() {
            return CommandSpec.of("status", "Show this conversation's persona, model and totals", "");
        }

        @Override
        public CommandResult run(CommandContext context, CommandLine line) {
            Conversation conversation = current(conversations, context);
            return CommandResult.of(String.format(java.util.Locale.ROOT, """
                    Conversation: %s
                    Persona: %s
                    Model: %s
                    Messages: %d
                    Tokens: %d in, %d out (about $%.4f)""",
                    // the title may be the model's words: shown as written in StarkBot's own answer
                    conversation.title() == null ? "(untitled)" : CommandResult.literal(conversation.title()),
                    CommandResult.literal(personas.resolve(context.userId(), conversation.personaId()).name()),
                    CommandResult.literal(conversation.model() == null ? ai.defaultModel() + " (default)"
                            : conversation.model()),
                    conversation.messages(), conversation.inputTokens(), conversation.outputTokens(),
                    conversation.costUsd()));
        }
    }
}
