package dev.starkbot.conversation.internal;

import java.io.IOException;
import java.time.Duration;

import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.starkbot.ai.AiException;
import dev.starkbot.conversation.ConversationException;
import dev.starkbot.shared.StarkBotException;
import dev.starkbot.usage.UsageService;
import dev.starkbot.user.Principal;
import jakarta.validation.Valid;

/**
 * A turn answered as {@code text/event-stream}: events {@code delta}, {@code tool_call}, {@code tool_result},
 * {@code usage}, {@code message}, {@code notice}, {@code status}, {@code done} and {@code error}, each a JSON
 * object. Refusals known before the turn starts (no such conversation, budget spent) are ordinary problem responses;
 * a client that goes away does not stop the turn, whose reply is stored and reaches the person's other screens.
 */
@RestController
class ChatStreamController {

    /** Longer than any turn should take (the provider's own request timeout is 10 minutes by default). */
    private static final Duration STREAM_TIMEOUT = Duration.ofMinutes(30);

    private final DefaultConversationService service;
    private final ConversationRepository conversations;
    private final UsageService usage;
    private final Uploads uploads;

    ChatStreamController(DefaultConversationService service, ConversationRepository conversations,
                         UsageService usage, Uploads uploads) {
        this.service = service;
        this.conversations = conversations;
        this.usage = usage;
        this.uploads = uploads;
    }

    @PostMapping(value = "/api/conversations/{id}/messages", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@AuthenticationPrincipal Principal me, @PathVariable String id,
                      @Valid @RequestBody ConversationController.SendRequest request) {
        conversations.find(me.userId(), id).orElseThrow(() -> ConversationException.notFound("conversation"));
        String text = uploads.prompt(me.userId(), id, request.text(), request.attachments());
        usage.checkBudget(me.userId());
        SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
        Thread.ofVirtual().name("chat-" + id).start(() -> {
            try {
                service.send(me.userId(), id, text, "web", me.role(), event -> {
                    try {
                        emitter.send(SseEmitter.event().name(event.type()).data(event.data(),
                                MediaType.APPLICATION_JSON));
                    } catch (IOException e) {
                        throw new IllegalStateException("client gone", e);
                    }
                });
                emitter.complete();
            } catch (StarkBotException e) {
                // an AI failure was already sent as an error event by the turn; a refusal (busy, budget) was not
                if (!(e instanceof AiException)) {
                    sendError(emitter, e);
                }
                emitter.complete();
            } catch (RuntimeException e) {
                emitter.completeWithError(e);
            }
        });
        return emitter;
    }

    private static void sendError(SseEmitter emitter, StarkBotException e) {
        try {
            emitter.send(SseEmitter.event().name("error").data(java.util.Map.of("type", e.type(),
                    "detail", e.getMessage(), "retryable", e.kind().retryable()), MediaType.APPLICATION_JSON));
        } catch (IOException ignored) {
            // the client is gone; nothing left to tell
        }
    }
}
