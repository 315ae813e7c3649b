package dev.starkbot.conversation.internal;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.starkbot.ai.AiService;
import dev.starkbot.conversation.ChatEvent;
import dev.starkbot.conversation.Conversation;
import dev.starkbot.conversation.ConversationException;
import dev.starkbot.conversation.ConversationsProperties;
import dev.starkbot.conversation.Message;
import dev.starkbot.conversation.TurnResult;
import dev.starkbot.persona.Persona;
import dev.starkbot.persona.PersonaService;
import dev.starkbot.shared.RpcMethod;
import dev.starkbot.user.Principal;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.json.JsonMapper;

/** The caller's own conversations. Another person's conversation id is a 404, never a 403. */
@RestController
@RequestMapping("/api/conversations")
class ConversationController {

    private final DefaultConversationService service;
    private final ConversationRepository conversations;
    private final MessageRepository messages;
    private final MemoryRepository memory;
    private final MemoryJobs memoryJobs;
    private final SearchRepository search;
    private final TurnRunner turns;
    private final Uploads uploads;
    private final PersonaService personas;
    private final AiService ai;
    private final ConversationsProperties properties;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final Clock clock;

    ConversationController(DefaultConversationService service, ConversationRepository conversations,
                           MessageRepository messages, MemoryRepository memory, MemoryJobs memoryJobs,
                           SearchRepository search, TurnRunner turns, Uploads uploads, PersonaService personas,
                           AiService ai, ConversationsProperties properties, ApplicationEventPublisher events,
                           JsonMapper json, Clock clock) {
        this.service = service;
        this.conversations = conversations;
        this.messages = messages;
        this.memory = memory;
        this.memoryJobs = memoryJobs;
        this.search = search;
        this.turns = turns;
        this.uploads = uploads;
        this.personas = personas;
        this.ai = ai;
        this.properties = properties;
        this.events = events;
        this.json = json;
        this.clock = clock;
    }

    record CreateRequest(@Nullable @Size(max = 200) String title, @Nullable @Size(max = 64) String personaId,
                         @Nullable @Size(max = 150) @Pattern(regexp = "[^\\s\\p{Cntrl}]*") String model) {
    }

    /**
     * @param attachments ids answered by {@code POST /api/conversations/{id}/files}, the caller's own, for this
     *                    conversation; each becomes a line of the text the model is given
     */
    record SendRequest(@Nullable @Size(max = 1_000_000) String text,
                       @Nullable @Size(max = 100) List<@NotBlank @Size(max = 64) String> attachments) {

        /** Checked with the request, so that a streamed answer is refused with a 422 before any event. */
        @AssertTrue(message = "a message has text, attached files, or both")
        boolean isTextOrAttachments() {
            return text != null && !text.isBlank() || attachments != null && !attachments.isEmpty();
        }
    }

    @GetMapping
    @RpcMethod(value = "conversations.list", description = "The caller's conversations, most recently active first")
    List<Conversation> list(@AuthenticationPrincipal Principal me,
                            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit,
                            @RequestParam(defaultValue = "0") @Min(0) int offset) {
        return conversations.list(me.userId(), limit, offset);
    }

    @PostMapping
    @RpcMethod(value = "conversations.create", description = "Start a conversation")
    ResponseEntity<Conversation> create(@AuthenticationPrincipal Principal me,
                                        @Valid @RequestBody CreateRequest request) {
        Conversation created = service.create(me.userId(), blankToNull(request.title()),
                persona(me, request.personaId()), model(request.model()), "web");
        return ResponseEntity.created(URI.create("/api/conversations/" + created.id())).body(created);
    }

    @GetMapping("/{id}")
    @RpcMethod(value = "conversations.get", description = "One conversation with its totals")
    Conversation get(@AuthenticationPrincipal Principal me, @PathVariable String id) {
        return own(me, id);
    }

    @PatchMapping("/{id}")
    @RpcMethod(value = "conversations.update", description = "Rename, or choose the persona or model")
    Conversation update(@AuthenticationPrincipal Principal me, @PathVariable String id,
                        @Valid @RequestBody CreateRequest request) {
        Conversation current = own(me, id);
        conversations.update(me.userId(), id,
                request.title() == null ? current.title() : blankToNull(request.title()),
                request.personaId() == null ? current.personaId() : persona(me, request.personaId()),
                request.model() == null ? current.model() : model(request.model()), clock.millis());
        return own(me, id);
    }

    @DeleteMapping("/{id}")
    @RpcMethod(value = "conversations.delete", description = "Delete a conversation and all its messages")
    ResponseEntity<Void> delete(@AuthenticationPrincipal Principal me, @PathVariable String id) {
        own(me, id);
        // a reply being written into a deleted conversation would go on costing tokens for nothing
        service.abort(me.userId(), id);
        if (!conversations.delete(me.userId(), id)) {
            throw ConversationException.notFound("conversation");
        }
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{id}/messages")
    @RpcMethod(value = "conversations.messages", description = "Messages newest first, before a sequence number")
    List<Message> messages(@AuthenticationPrincipal Principal me, @PathVariable String id,
                           @RequestParam(defaultValue = "9223372036854775807") long before,
                           @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        own(me, id);
        return messages.page(id, before, limit);
    }

    /** The same turn as the SSE variant, answered as JSON once complete; its events go out on the gateway. */
    @PostMapping(value = "/{id}/messages", produces = "application/json")
    @RpcMethod(value = "chat.send", description = "Send a message and get the reply; it streams as chat events")
    TurnResult send(@AuthenticationPrincipal Principal me, @PathVariable String id,
                    @Valid @RequestBody SendRequest request) {
        own(me, id);
        String text = uploads.prompt(me.userId(), id, request.text(), request.attachments());
        return service.send(me.userId(), id, text, "web", me.role(), event -> {
        });
    }

    @PostMapping("/{id}/abort")
    @RpcMethod(value = "chat.abort", description = "Stop the reply being written, keeping what was said")
    Map<String, Boolean> abort(@AuthenticationPrincipal Principal me, @PathVariable String id) {
        return Map.of("aborted", service.abort(me.userId(), id));
    }

    @PostMapping("/{id}/compact")
    @RpcMethod(value = "conversations.compact", description = "Summarise the older part of the history now")
    Map<String, String> compact(@AuthenticationPrincipal Principal me, @PathVariable String id) {
        own(me, id);
        long from = memory.activeSummary(id).map(summary -> summary.toSeq() + 1).orElse(0L);
        if (messages.tokensSince(id, from) <= properties.keepRecentTokens()) {
            throw ConversationException.nothingToCompact();
        }
        return Map.of("jobId", memoryJobs.enqueueSummary(me.userId(), id, true));
    }

    @GetMapping("/{id}/summaries")
    @RpcMethod(value = "conversations.summaries", description = "The conversation's summaries, newest first")
    List<MemoryRepository.Summary> summaries(@AuthenticationPrincipal Principal me, @PathVariable String id) {
        own(me, id);
        return memory.summaries(id);
    }

    @PostMapping("/{id}/summaries/{summaryId}/undo")
    @RpcMethod(value = "conversations.summaries.undo", description = "Undo a summary: its messages return to "
            + "the context")
    Map<String, Boolean> undo(@AuthenticationPrincipal Principal me, @PathVariable String id,
                              @PathVariable String summaryId) {
        own(me, id);
        if (!memory.undo(id, summaryId)) {
            throw ConversationException.notFound("active summary");
        }
        Message notice = turns.notice(id, "A summary was undone; its messages are back in the context as far as "
                + "it holds them.", "web");
        var data = json.createObjectNode().put("conversationId", id).put("text", notice.text());
        data.set("message", json.valueToTree(notice));
        events.publishEvent(new ChatEvent(me.userId(), id, "notice", data));
        return Map.of("undone", true);
    }

    @GetMapping("/search")
    @RpcMethod(value = "conversations.search", description = "Full-text search of the caller's messages")
    List<SearchRepository.Hit> search(@AuthenticationPrincipal Principal me,
                                      @RequestParam @NotBlank @Size(max = 500) String q,
                                      @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit) {
        return search.search(me.userId(), q, limit);
    }

    private Conversation own(Principal me, String id) {
        return conversations.find(me.userId(), id).orElseThrow(() -> ConversationException.notFound("conversation"));
    }

    /**
     * The stored persona id: null for none or for the built-in default (which follows the person's own default),
     * else the id of one of the caller's personas, found by id or name.
     */
    private @Nullable String persona(Principal me, @Nullable String idOrName) {
        if (idOrName == null || idOrName.isBlank()) {
            return null;
        }
        Persona persona = personas.find(me.userId(), idOrName.strip())
                .orElseThrow(() -> ConversationException.invalid("no persona '" + idOrName.strip() + "'"));
        return persona.builtIn() ? null : persona.id();
    }

    /** A model the admin allows (checked now, so that a refusal comes with the request that chose it). */
    private @Nullable String model(@Nullable String model) {
        String chosen = blankToNull(model);
        if (chosen != null) {
            ai.chain(chosen);
        }
        return chosen;
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
