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
    private final MemoryJobs memoryJobs;
    private final AiService ai;
    private final ConversationsProperties properties;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final Clock clock;

    Summarizer(MessageRepository messages, MemoryRepository memory, TurnRunner turns, MemoryJobs memoryJobs,
               AiService ai, ConversationsProperties properties, ApplicationEventPublisher events, JsonMapper json,
               Clock clock) {
        this.messages = messages;
        this.memory = memory;
        this.turns = turns;
        this.memoryJobs = memoryJobs;
        this.ai = ai;
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
        try {
            return summarise(context, conversationId, ownerId);
        } finally {
            memoryJobs.summaryDone(conversationId);
        }
    }

    private String summarise(JobContext context, String conversationId, String ownerId) {
        var previous = memory.activeSummary(conversationId);
        long from = previous.map(summary -> summary.toSeq() + 1).orElse(0L);
        List<Message> pending = messages.range(conversationId, from, Long.MAX_VALUE);
        int end = boundary(pending);
        if (end <= 0) {
            return "nothing old enough to summarise";
        }
        context.progress(10, "summarising " + end + " messages");
        StringBuilder transcript = new StringBuilder();
        previous.ifPresent(summary -> transcript.append("Previous summary:\n").append(summary.body())
                .append("\n\nNew messages:\n"));
        for (Message message : pending.subList(0, end)) {
            String text = message.text().isEmpty() ? "[tool results]" : message.text();
            transcript.append(message.role()).append(": ").append(MemoryJobs.cut(text, 8000)).append('\n');
        }
        // the newest part is the part a summary must not lose; an overlong transcript loses its oldest lines
        String input = transcript.length() <= MAX_TRANSCRIPT ? transcript.toString()
                : transcript.substring(transcript.length() - MAX_TRANSCRIPT);
        ChatResult result = ai.chat(ChatRequest.simple(INSTRUCTIONS, input, 2000),
                ai.chain(ai.defaultModel().toString()), ChatSink.NONE, new Cancellation());
        if (result.interrupted() || result.text().isBlank()) {
            throw new IllegalStateException("the model gave no summary");
        }
        long toSeq = pending.get(end - 1).seq();
        long fromSeq = previous.map(MemoryRepository.Summary::fromSeq).orElse(pending.getFirst().seq());
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
     * How many of the pending messages to summarise: all but the newest {@code keep-recent-tokens}, ending before a
     * person's message so that a tool exchange is never split.
     */
    private int boundary(List<Message> pending) {
        long kept = 0;
        int end = pending.size();
        while (end > 0 && kept < properties.keepRecentTokens()) {
            end--;
            kept += pending.get(end).tokens();
        }
        while (end > 0 && end < pending.size() && !startsExchange(pending.get(end))) {
            end--;
        }
        return end;
    }

    private static boolean startsExchange(Message message) {
        return message.role().equals("user")
                && message.content().stream().noneMatch(dev.starkbot.ai.ContentBlock.ToolResult.class::isInstance);
    }
}
