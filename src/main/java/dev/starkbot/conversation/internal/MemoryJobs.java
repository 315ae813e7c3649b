package dev.starkbot.conversation.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.starkbot.ai.AiService;
import dev.starkbot.ai.Cancellation;
import dev.starkbot.ai.ChatRequest;
import dev.starkbot.ai.ChatResult;
import dev.starkbot.ai.ChatSink;
import dev.starkbot.conversation.ChatEvent;
import dev.starkbot.conversation.Conversation;
import dev.starkbot.conversation.ConversationsProperties;
import dev.starkbot.conversation.Message;
import dev.starkbot.job.JobChanged;
import dev.starkbot.job.JobService;
import dev.starkbot.job.JobView;
import dev.starkbot.job.spi.JobContext;
import dev.starkbot.job.spi.JobHandler;
import dev.starkbot.usage.UsageService;
import tools.jackson.databind.json.JsonMapper;

/**
 * Work a turn leaves for the background: a title after the first exchange, and a summary when the history not yet
 * summarised outgrows the threshold. Both are jobs, so they survive a restart and show in {@code /api/jobs}.
 */
@Component
class MemoryJobs {

    static final String TITLE = "conversation.title";
    static final String SUMMARIZE = "conversation.summarize";
    private static final Logger log = LoggerFactory.getLogger(MemoryJobs.class);

    private final JobService jobs;
    private final ConversationRepository conversations;
    private final MessageRepository messages;
    private final MemoryRepository memory;
    private final ConversationsProperties properties;
    /** Conversation id to the id of its queued summary job, so that many triggers queue one job. */
    private final Map<String, String> pendingSummaries = new ConcurrentHashMap<>();

    MemoryJobs(JobService jobs, ConversationRepository conversations, MessageRepository messages,
               MemoryRepository memory, ConversationsProperties properties) {
        this.jobs = jobs;
        this.conversations = conversations;
        this.messages = messages;
        this.memory = memory;
        this.properties = properties;
    }

    void afterTurn(String ownerId, Conversation conversation) {
        if (conversation.title() == null) {
            jobs.enqueue(TITLE, ownerId, conversation.id(), 2);
        }
        if (properties.summarizeAfter() > 0) {
            long from = memory.summarisedUpTo(conversation.id()) + 1;
            if (messages.tokensSince(conversation.id(), from) > properties.summarizeAfter()) {
                enqueueSummary(ownerId, conversation.id(), false);
            }
        }
    }

    /**
     * Queues a summary unless one is already queued by this instance for the conversation, and returns the queued
     * job's id either way: every turn past the threshold, or a person pressing compact again and again, would queue
     * another while the first is still running. (Across instances a duplicate may slip through; the second then
     * finds too little new history and does nothing.)
     */
    String enqueueSummary(String ownerId, String conversationId, boolean asked) {
        String queued = pendingSummaries.get(conversationId);
        if (queued != null) {
            return queued;
        }
        synchronized (pendingSummaries) {
            queued = pendingSummaries.get(conversationId);
            if (queued == null) {
                log.debug("Summary of {} queued (asked: {})", conversationId, asked);
                queued = jobs.enqueue(SUMMARIZE, ownerId, conversationId, 3);
                pendingSummaries.put(conversationId, queued);
            }
            return queued;
        }
    }

    /** A summary job that ended in any way (done, failed for good, cancelled) no longer blocks the next one. */
    @EventListener
    void on(JobChanged changed) {
        JobView job = changed.job();
        if (job.type().equals(SUMMARIZE) && job.status().finished()) {
            pendingSummaries.values().remove(job.id());
        }
    }

    /** Names a conversation after its first exchange: the model's title, or the first words when it cannot. */
    @Component
    static class TitleHandler implements JobHandler {

        private final ConversationRepository conversations;
        private final MessageRepository messages;
        private final AiService ai;
        private final UsageService usage;
        private final ConversationsProperties properties;
        private final ApplicationEventPublisher events;
        private final JsonMapper json;

        TitleHandler(ConversationRepository conversations, MessageRepository messages, AiService ai,
                     UsageService usage, ConversationsProperties properties, ApplicationEventPublisher events,
                     JsonMapper json) {
            this.conversations = conversations;
            this.messages = messages;
            this.ai = ai;
            this.usage = usage;
            this.properties = properties;
            this.events = events;
            this.json = json;
        }

        @Override
        public String type() {
            return TITLE;
        }

        @Override
        public String run(JobContext context) {
            String conversationId = context.payload();
            String ownerId = context.ownerId();
            if (conversationId == null || ownerId == null) {
                return "nothing to do";
            }
            List<Message> first = messages.range(conversationId, 0, 3);
            if (first.isEmpty()) {
                return "no messages";
            }
            String opening = first.getFirst().text();
            String title = fallback(opening);
            if (properties.aiTitles()) {
                StringBuilder exchange = new StringBuilder();
                first.forEach(message -> exchange.append(message.role()).append(": ")
                        .append(cut(message.text(), 1500)).append('\n'));
                try {
                    usage.checkBudget(ownerId);
                    ChatResult named = ai.chat(ChatRequest.simple("You name conversations. Reply with a title of at "
                                    + "most six words, in the conversation's language, without quotes or a full "
                                    + "stop.", exchange.toString(), 30), ai.chain(ai.defaultModel().toString()),
                            ChatSink.NONE, new Cancellation());
                    usage.record(ownerId, named.model(), named.usage());
                    String asked = named.text().strip();
                    if (!asked.isBlank()) {
                        title = cut(asked.replaceAll("[\\r\\n\"]+", " ").strip().replaceAll("[.。]+$", ""), 200);
                    }
                } catch (RuntimeException e) {
                    log.info("No title from the model for {}: {}", conversationId, e.getMessage());
                }
            }
            if (conversations.setTitleIfEmpty(conversationId, title)) {
                events.publishEvent(new ChatEvent(ownerId, conversationId, "conversation.updated",
                        json.createObjectNode().put("conversationId", conversationId).put("title", title)));
            }
            return title;
        }

        static String fallback(String text) {
            String words = text.strip().replaceAll("\\s+", " ");
            return words.isEmpty() ? "New conversation" : cut(words, 60);
        }
    }

    static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
