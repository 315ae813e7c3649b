package dev.starkbot.conversation.internal;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.starkbot.ai.AiException;
import dev.starkbot.ai.AiProperties;
import dev.starkbot.ai.AiService;
import dev.starkbot.ai.Cancellation;
import dev.starkbot.ai.ChatMessage;
import dev.starkbot.ai.ChatRequest;
import dev.starkbot.ai.ChatResult;
import dev.starkbot.ai.ContentBlock;
import dev.starkbot.ai.ModelRef;
import dev.starkbot.ai.StopReason;
import dev.starkbot.ai.TokenUsage;
import dev.starkbot.ai.ToolSpec;
import dev.starkbot.conversation.ChatEvent;
import dev.starkbot.conversation.Conversation;
import dev.starkbot.conversation.Message;
import dev.starkbot.conversation.TurnResult;
import dev.starkbot.persona.Persona;
import dev.starkbot.persona.PersonaService;
import dev.starkbot.persona.PromptContext;
import dev.starkbot.usage.BudgetExhaustedException;
import dev.starkbot.usage.UsageService;
import dev.starkbot.user.Preferences;
import dev.starkbot.user.UserService;

/**
 * One turn: store the person's message, then ask the model and run the tools it calls until it answers without
 * one (or the step cap is reached), storing every message as it completes so that a crash loses at most the reply
 * being streamed.
 */
@Component
class TurnRunner {

    private static final Logger log = LoggerFactory.getLogger(TurnRunner.class);
    /** Tool calls run per model call; more are answered with an error, so one reply cannot fan out unbounded. */
    static final int MAX_CALLS_PER_STEP = 10;

    /**
     * Tokens of each tool's schema and description, which the context budget subtracts on every turn: the same few
     * texts each time, and tokenizing them was a tenth of a turn's CPU. Keyed by the tool as offered, so a tool that
     * changes is counted again; cleared when it grows past any plausible number of tools.
     */
    private final Map<ToolSpec, Integer> toolTokens = new ConcurrentHashMap<>();
    private final ConversationRepository conversations;
    private final MessageRepository messages;
    private final MemoryRepository memory;
    private final ContextAssembler context;
    private final AiService ai;
    private final AiProperties aiProperties;
    private final PersonaService personas;
    private final UsageService usage;
    private final UserService users;
    private final Clock clock;

    TurnRunner(ConversationRepository conversations, MessageRepository messages, MemoryRepository memory,
               ContextAssembler context, AiService ai, AiProperties aiProperties, PersonaService personas,
               UsageService usage, UserService users, Clock clock) {
        this.conversations = conversations;
        this.messages = messages;
        this.memory = memory;
        this.context = context;
        this.ai = ai;
        this.aiProperties = aiProperties;
        this.personas = personas;
        this.usage = usage;
        this.users = users;
        this.clock = clock;
    }

    TurnResult run(String ownerId, Conversation conversation, String text, String platform, @Nullable String key,
                   Cancellation cancellation, Consumer<ChatEvent> emit) {
        String turnId = UUID.randomUUID().toString();
        TurnEvents events = new TurnEvents(ownerId, conversation.id(), turnId, emit);
        Preferences preferences = users.preferences(ownerId).orElse(null);
        ZoneId zone = zone(preferences);
        Persona persona = personas.resolve(ownerId, conversation.personaId());
        String model = conversation.model() != null ? conversation.model()
                : persona.model() != null ? persona.model()
                : preferences != null && preferences.defaultModel() != null ? preferences.defaultModel()
                : ai.defaultModel().toString();
        List<ModelRef> chain = ai.chain(model);
        List<ToolSpec> tools = ai.tools().stream().filter(tool -> persona.allowedTools() == null
                || persona.allowedTools().contains(tool.name())).toList();
        // a call of a tool that was not offered (seen earlier in the history, or asked for by injected text) is
        // answered with an error, never run: the persona's list is a limit, not a suggestion
        Set<String> offered = tools.stream().map(ToolSpec::name).collect(Collectors.toSet());
        // the model is checked (allowed, known provider) before anything is stored
        List<Message> stored = new ArrayList<>();
        List<Message> earlier = key == null ? List.of() : turn(conversation.id(), key);
        if (earlier.isEmpty()) {
            stored.add(store(conversation.id(), "user", List.of(new ContentBlock.Text(text)),
                    ai.estimateTokens(text), "complete", null, null, 0, platform, key));
            events.message(stored.getLast());
        } else {
            // the turn was cut off part way: what was stored stays, and the model carries on from there
            stored.addAll(earlier);
            Message last = earlier.getLast();
            List<ContentBlock.ToolUse> calls = last.role().equals("assistant") ? last.content().stream()
                    .filter(ContentBlock.ToolUse.class::isInstance).map(ContentBlock.ToolUse.class::cast).toList()
                    : List.of();
            // calls made before the cut were never run (their results would have been stored): answered, so
            // that the history stays a valid exchange
            unanswered(conversation.id(), calls, "interrupted by a restart", platform, events, stored);
        }
        String system = system(ownerId, conversation.id(), persona, zone, platform);
        int budget = ai.contextWindow(chain.getFirst()) - aiProperties.maxTokens() - ai.estimateTokens(system)
                - tools.stream().mapToInt(this::tokens).sum();
        long fromSeq = memory.activeSummary(conversation.id()).map(summary -> summary.toSeq() + 1).orElse(0L);
        // one time for every step of the turn, so that the steps' requests share their prefix
        ZonedDateTime sent = clock.instant().atZone(zone).truncatedTo(ChronoUnit.MINUTES);

        TokenUsage total = TokenUsage.NONE;
        long totalCost = 0;
        StopReason stop = StopReason.END_TURN;
        for (int step = 1; ; step++) {
            List<ChatMessage> history = withTime(context.assemble(conversation.id(), fromSeq,
                    Math.max(budget, 1024)), sent);
            ChatRequest request = new ChatRequest(system, history, tools, aiProperties.maxTokens(),
                    persona.temperature(), history.size() - 1);
            ChatResult result;
            try {
                result = ai.chat(request, chain, events, cancellation);
            } catch (AiException e) {
                events.error(e);
                throw e;
            }
            stop = result.stopReason();
            long cost = usage.record(ownerId, result.model(), result.usage());
            total = total.plus(result.usage());
            totalCost += cost;
            conversations.addUsage(conversation.id(), result.usage().input() + result.usage().cacheRead()
                    + result.usage().cacheWrite(), result.usage().output(), cost);
            Message.Usage messageUsage = usage(result.usage(), cost);
            events.usage(messageUsage, result.model());
            if (!result.content().isEmpty() || result.interrupted()) {
                int tokens = result.usage().output() > 0 ? (int) result.usage().output()
                        : ai.estimateTokens(result.text());
                stored.add(store(conversation.id(), "assistant", result.content(), tokens,
                        result.interrupted() ? "interrupted" : "complete", result.model().toString(), messageUsage,
                        cost, platform));
                events.message(stored.getLast());
            }
            if (result.interrupted()) {
                String why = result.stopReason() == StopReason.CANCELLED ? "The reply was stopped."
                        : "The reply was interrupted (" + result.problem() + "); what arrived is kept.";
                unanswered(conversation.id(), result.toolCalls(), "the reply was interrupted", platform, events,
                        stored);
                stored.add(notice(conversation.id(), why, platform));
                events.notice(stored.getLast());
                break;
            }
            if (stop != StopReason.TOOL_USE || result.toolCalls().isEmpty()) {
                break;
            }
            String refusal = cancellation.cancelled() ? "The reply was stopped."
                    : step >= aiProperties.maxToolSteps() ? "Stopped after " + step
                    + " tool steps, the configured limit." : budgetRefusal(ownerId);
            if (refusal != null) {
                // every tool call gets an answer, or both APIs refuse the conversation's next request
                unanswered(conversation.id(), result.toolCalls(), refusal, platform, events, stored);
                stored.add(notice(conversation.id(), refusal, platform));
                events.notice(stored.getLast());
                stop = cancellation.cancelled() ? StopReason.CANCELLED : StopReason.MAX_TOKENS;
                break;
            }
            List<ContentBlock> results = new ArrayList<>();
            List<ContentBlock.ToolUse> calls = result.toolCalls();
            for (int i = 0; i < calls.size(); i++) {
                ContentBlock.ToolUse call = calls.get(i);
                ContentBlock.ToolResult outcome = !offered.contains(call.name())
                        ? new ContentBlock.ToolResult(call.id(), "tool '" + call.name() + "' is not available", true)
                        : i >= MAX_CALLS_PER_STEP
                        ? new ContentBlock.ToolResult(call.id(), "not run: at most " + MAX_CALLS_PER_STEP
                        + " tool calls per step", true)
                        : ai.runTool(call, new AiService.ToolContext(ownerId, conversation.id(), zone));
                events.toolResult(outcome);
                results.add(outcome);
            }
            storeResults(conversation.id(), results, platform, events, stored);
        }
        Message.Usage turnUsage = usage(total, totalCost);
        events.done(stop, turnUsage);
        return new TurnResult(turnId, stored, stop.id(), turnUsage);
    }

    private int tokens(ToolSpec tool) {
        if (toolTokens.size() > 1_000) {
            toolTokens.clear();
        }
        // keyed by the record (its strings cache their hashes), not by their concatenation built anew each turn
        return toolTokens.computeIfAbsent(tool, spec -> ai.estimateTokens(spec.inputSchema() + spec.description()));
    }

    /**
     * The person's newest message with the time it was sent, in their zone, for this request only (it is not
     * stored). The time goes here rather than into the system prompt, which then stays the same from turn to turn,
     * so that the prompt cache of the system prompt and the earlier history keeps hitting.
     */
    private static List<ChatMessage> withTime(List<ChatMessage> history, ZonedDateTime sent) {
        for (int i = history.size() - 1; i >= 0; i--) {
            ChatMessage message = history.get(i);
            if (message.role() == ChatMessage.Role.USER
                    && message.content().stream().noneMatch(ContentBlock.ToolResult.class::isInstance)) {
                List<ContentBlock> content = new ArrayList<>(message.content());
                content.add(new ContentBlock.Text("\n\n(Sent " + sent.toOffsetDateTime() + ", "
                        + sent.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + ", "
                        + sent.getZone().getId() + ")"));
                List<ChatMessage> copy = new ArrayList<>(history);
                copy.set(i, new ChatMessage(ChatMessage.Role.USER, content));
                return copy;
            }
        }
        return history;
    }

    /** Answers tool calls that will not run, so that the stored history stays a valid exchange. */
    private void unanswered(String conversationId, List<ContentBlock.ToolUse> calls, String reason, String platform,
                            TurnEvents events, List<Message> stored) {
        if (calls.isEmpty()) {
            return;
        }
        List<ContentBlock> results = new ArrayList<>();
        for (ContentBlock.ToolUse call : calls) {
            ContentBlock.ToolResult result = new ContentBlock.ToolResult(call.id(), "not run: " + reason, true);
            events.toolResult(result);
            results.add(result);
        }
        storeResults(conversationId, results, platform, events, stored);
    }

    private void storeResults(String conversationId, List<ContentBlock> results, String platform, TurnEvents events,
                              List<Message> stored) {
        int tokens = results.stream().mapToInt(r -> ai.estimateTokens(((ContentBlock.ToolResult) r).content())).sum();
        stored.add(store(conversationId, "user", results, tokens, "complete", null, null, 0, platform));
        events.message(stored.getLast());
    }

    /** Null while the budget lasts; checked before every further model call of a turn, not only its first. */
    private @Nullable String budgetRefusal(String ownerId) {
        try {
            usage.checkBudget(ownerId);
            return null;
        } catch (BudgetExhaustedException e) {
            return "Stopped: " + e.getMessage() + ".";
        }
    }

    private String system(String ownerId, String conversationId, Persona persona, ZoneId zone, String platform) {
        String name = users.displayName(ownerId).orElse("the user");
        StringBuilder system = new StringBuilder(personas.render(persona,
                new PromptContext(name, zone, clock.instant(), platform)));
        List<MemoryRepository.Fact> facts = memory.facts(ownerId, conversationId);
        if (!facts.isEmpty()) {
            system.append("\n\nFacts the user asked you to always keep in mind:");
            facts.forEach(fact -> system.append("\n- ").append(fact.body()));
        }
        memory.activeSummary(conversationId).ifPresent(summary -> system
                .append("\n\nSummary of the earlier part of this conversation (its messages are not shown):\n")
                .append(summary.body()));
        return system.toString();
    }

    private Message store(String conversationId, String role, List<ContentBlock> content, int tokens, String status,
                          String model, Message.Usage usage, long cost, String platform) {
        return store(conversationId, role, content, tokens, status, model, usage, cost, platform, null);
    }

    private Message store(String conversationId, String role, List<ContentBlock> content, int tokens, String status,
                          String model, Message.Usage usage, long cost, String platform, @Nullable String key) {
        long now = clock.millis();
        return messages.insert(conversationId, conversations.nextSeq(conversationId, now), role, content, tokens,
                status, model, usage, cost, platform, now, key);
    }

    /**
     * A turn handed over again that had ended (the process died before the caller recorded its reply): the stored
     * turn, so that the model is not asked again; empty when it had not ended or never started.
     */
    java.util.Optional<TurnResult> replay(String ownerId, Conversation conversation, String key,
                                          Consumer<ChatEvent> emit) {
        List<Message> turn = turn(conversation.id(), key);
        if (!finished(turn)) {
            return java.util.Optional.empty();
        }
        String turnId = UUID.randomUUID().toString();
        new TurnEvents(ownerId, conversation.id(), turnId, emit).done(StopReason.END_TURN, usage(TokenUsage.NONE, 0));
        return java.util.Optional.of(new TurnResult(turnId, turn, StopReason.END_TURN.id(),
                usage(TokenUsage.NONE, 0)));
    }

    /**
     * The turn stored under a key: its person's message and what followed, up to the next message a person wrote
     * (later turns, from this chat or another screen, are not part of it).
     */
    private List<Message> turn(String conversationId, String key) {
        List<Message> from = messages.fromKey(conversationId, key);
        for (int i = 1; i < from.size(); i++) {
            Message message = from.get(i);
            if (message.role().equals("user")
                    && message.content().stream().noneMatch(ContentBlock.ToolResult.class::isInstance)) {
                return from.subList(0, i);
            }
        }
        return from;
    }

    /**
     * Whether a turn stored from its person's message on has ended: its last message is a reply without tool calls,
     * or a notice (a stopped, interrupted or capped turn ends with one).
     */
    private static boolean finished(List<Message> turn) {
        if (turn.isEmpty()) {
            return false;
        }
        Message last = turn.getLast();
        return last.role().equals("notice") || last.role().equals("assistant")
                && last.content().stream().noneMatch(ContentBlock.ToolUse.class::isInstance);
    }

    Message notice(String conversationId, String text, String platform) {
        return store(conversationId, "notice", List.of(new ContentBlock.Text(text)), 0, "complete", null, null, 0,
                platform);
    }

    private static Message.Usage usage(TokenUsage usage, long cost) {
        return new Message.Usage(usage.input(), usage.output(), usage.cacheRead(), usage.cacheWrite(),
                cost / 1_000_000.0);
    }

    private static ZoneId zone(Preferences preferences) {
        try {
            return preferences == null ? ZoneId.of("UTC") : ZoneId.of(preferences.timeZone());
        } catch (java.time.DateTimeException e) {
            log.debug("Unusable time zone {}", preferences.timeZone());
            return ZoneId.of("UTC");
        }
    }
}
