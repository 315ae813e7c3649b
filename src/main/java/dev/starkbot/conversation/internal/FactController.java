package dev.starkbot.conversation.internal;

import java.time.Clock;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.starkbot.conversation.ConversationException;
import dev.starkbot.shared.RpcMethod;
import dev.starkbot.user.Principal;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Facts a person pinned: in every context of all their conversations, or of one. */
@RestController
@RequestMapping("/api/facts")
class FactController {

    /** Pinned facts go into every context; this many short ones fit well inside the smallest window we assume. */
    static final int MAX_FACTS = 100;

    private final MemoryRepository memory;
    private final ConversationRepository conversations;
    private final Clock clock;

    FactController(MemoryRepository memory, ConversationRepository conversations, Clock clock) {
        this.memory = memory;
        this.conversations = conversations;
        this.clock = clock;
    }

    record FactRequest(@NotBlank @Size(max = 2000) String text, @Nullable @Size(max = 36) String conversationId) {
    }

    @GetMapping
    @RpcMethod(value = "facts.list", description = "The caller's pinned facts (of all conversations, and of one)")
    List<MemoryRepository.Fact> list(@AuthenticationPrincipal Principal me,
                                     @RequestParam(required = false) @Nullable String conversationId) {
        return memory.facts(me.userId(), conversationId);
    }

    @PostMapping
    @RpcMethod(value = "facts.create", description = "Pin a fact into every context")
    ResponseEntity<MemoryRepository.Fact> create(@AuthenticationPrincipal Principal me,
                                                 @Valid @RequestBody FactRequest request) {
        if (request.conversationId() != null && conversations.find(me.userId(), request.conversationId()).isEmpty()) {
            throw ConversationException.notFound("conversation");
        }
        if (memory.countFacts(me.userId()) >= MAX_FACTS) {
            throw ConversationException.invalid("at most " + MAX_FACTS + " facts may be pinned");
        }
        return ResponseEntity.status(201).body(memory.addFact(me.userId(), request.conversationId(),
                request.text().strip(), clock.millis()));
    }

    @DeleteMapping("/{id}")
    @RpcMethod(value = "facts.delete", description = "Unpin a fact")
    ResponseEntity<Void> delete(@AuthenticationPrincipal Principal me, @PathVariable String id) {
        if (!memory.deleteFact(me.userId(), id)) {
            throw ConversationException.notFound("fact");
        }
        return ResponseEntity.noContent().build();
    }
}
