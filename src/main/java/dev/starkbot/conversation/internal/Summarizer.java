package dev.starkbot.conversation.internal;

import java.time.Clock;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import dev.starkbot.ai.AiService;
import dev.starkbot.ai.Cancellation;
import dev.starkbot.ai.ChatRequest;
import dev.starkbot.ai.ChatResult;
import dev.starkbot.ai.ChatSink;
import dev.starkbot.conversation.ChatEvent;
import dev.starkbot.conversation.ConversationsProperties;
import dev.starkbot.conversation.Message;
import dev.starkbot.job.spi.JobContext;
import dev.starkbot.job.spi.JobHandler;
import dev.starkbot.usage.UsageService;
import tools.jackson.databind.json.JsonMapper;

/**
 * Summarises the older part of a conversation into one summary covering a range of messages, leaving the newest
 * {@code keep-recent-tokens} as they are. The summary builds on the one in force, so it always covers everything
 * from the first message; the raw messages stay, a notice tells the person, and an undo brings them back into the
 * context. The prompt asks for facts, decisions, names and numbers and open questions, the things a lossy summary
 * is blamed for losing.
 */
@Component
class Summarizer implements JobHandler {

    /** Characters of transcript one summary call reads: about 60k tokens, inside every model's window we know. */
    private static final int MAX_TRANSCRIPT = 240_000;
    private static final String INSTRUCTIONS = """
            You maintain the running summary of a conversation between a user and an AI assistant. Write a new
            summary that merges the previous summary (if any) with the new messages. Keep every fact about the user,
            decision, commitment, name, number, date, file and link, and every open question or unfinished task.
            Drop pleasantries. Write in the conversation's language, as concise notes.""";

    private final MessageRepository messages;
    private final MemoryRepository memory;
    private final TurnRunner turns;
    private final AiService ai;
    private final UsageService usage;
    private final ConversationsProperties properties;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final Clock clock;

    Summarizer(MessageRepository messages, MemoryRepository memory, TurnRunner turns, AiService ai,
               UsageService usage, ConversationsProperties properties, ApplicationEventPublisher events,
               JsonMapper json, Clock clock) {
        this.messages = messages;
        this.memory = memory;
        this.turns = turns;
        this.ai = ai;
        this.usage = usage;
        this.properties = properties;
        this.events = events;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public String type() {
        return MemoryJobs.SUMMARIZE;
    }

    @Override
    public String run(JobContext context) {
        String conversationId = context.payload();
        String ownerId = context.ownerId();
        if (conversationId == null || ownerId == null) {
            return "nothing to do";
        }
        return summarise(context, conversationId, ownerId);
    }

    private String summarise(JobContext context, String conversationId, String ownerId) {
        var previous = memory.activeSummary(conversationId);
        long from = previous.map(summary -> summary.toSeq() + 1).orElse(0L);
        List<Message> pending = older(conversationId, from);
        if (pending.isEmpty()) {
            return "nothing old enough to summarise";
        }
        // a summary is a model call like any other: it counts against the owner's budget and shows in their usage
        usage.checkBudget(ownerId);
        context.progress(10, "summarising " + pending.size() + " messages");
        StringBuilder transcript = new StringBuilder();
        previous.ifPresent(summary -> transcript.append("Previous summary:\n").append(summary.body())
                .append("\n\nNew messages:\n"));
        for (Message message : pending) {
            String text = message.text().isEmpty() ? "[tool results]" : message.text();
            transcript.append(message.role()).append(": ").append(MemoryJobs.cut(text, 8000)).append('\n');
        }
        ChatResult result = ai.chat(ChatRequest.simple(INSTRUCTIONS, transcript.toString(), 2000),
                ai.chain(ai.defaultModel().toString()), ChatSink.NONE, new Cancellation());
        usage.record(ownerId, result.model(), result.usage());
        if (result.interrupted() || result.text().isBlank()) {
            throw new IllegalStateException("the model gave no summary");
        }
        long toSeq = pending.getLast().seq();
        long fromSeq = previous.map(MemoryRepository.Summary::fromSeq).orElse(from);
        var summary = memory.addSummary(conversationId, fromSeq, toSeq, result.text(),
                ai.estimateTokens(result.text()), result.model().toString(), clock.millis());
        Message notice = turns.notice(conversationId, "Messages " + fromSeq + " to " + toSeq + " were summarised "
                + "to keep the conversation within the model's context. They are all kept; you can read or undo "
                + "the summary.", "web");
        var data = json.createObjectNode().put("conversationId", conversationId).put("text", notice.text())
                .put("summaryId", summary.id());
        data.set("message", json.valueToTree(notice));
        events.publishEvent(new ChatEvent(ownerId, conversationId, "notice", data));
        return "summary " + summary.id() + " covers messages " + fromSeq + " to " + toSeq;
    }

    /**
     * The messages to summarise, oldest first: those after {@code from}, less the newest {@code keep-recent-tokens},
     * ending before a person's message so that a tool exchange is never split. Read newest first a page at a time
     * and no further back than {@link #MAX_TRANSCRIPT} characters, so a huge history is never loaded whole; what
     * lies beyond is older than the part a summary must not lose.
     */
    private List<Message> older(String conversationId, long from) {
        List<Message> chosen = new java.util.ArrayList<>();
        long before = Long.MAX_VALUE;
        long kept = 0;
        boolean boundary = false;
        long chars = 0;
        while (true) {
            List<Message> page = messages.contextPage(conversationId, from, before, 64);
            for (Message message : page) {
                before = message.seq();
                if (!boundary) {
                    kept += message.tokens();
                    boundary = kept >= properties.keepRecentTokens() && startsExchange(message);
                    continue;
                }
                chars += message.text().length() + 16;
                if (chars > MAX_TRANSCRIPT) {
                    return chosen.reversed();
                }
                chosen.add(message);
            }
            if (page.size() < 64) {
                return chosen.reversed();
            }
        }
    }

    private static boolean startsExchange(Message message) {
        return message.role().equals("user")
                && message.content().stream().noneMatch(dev.starkbot.ai.ContentBlock.ToolResult.class::isInstance);
    }
}
