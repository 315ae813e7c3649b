package dev.starkbot.platform.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.starkbot.conversation.ChatEvent;
import dev.starkbot.platform.OutgoingMessage;
import dev.starkbot.platform.PlatformsProperties;
import dev.starkbot.platform.spi.DeliveryException;
import dev.starkbot.platform.spi.MessageEditing;
import dev.starkbot.platform.spi.Platform;
import dev.starkbot.platform.spi.TypingIndicator;

/**
 * Shows a reply while the model writes it: the typing indicator until the first token, then (where messages can be
 * edited) a draft message edited at most once per {@code streamEditInterval}. The platform is called from a thread
 * of its own, never from the model's stream, so a slow or rate-limited platform cannot slow the model down; the
 * stream only records the newest text. The final text is not sent from here but through the outbox.
 */
final class ReplyStream implements Consumer<ChatEvent>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReplyStream.class);

    private final Platform platform;
    private final String chatId;
    private final @Nullable String threadId;
    private final @Nullable String replyTo;
    private final @Nullable String inResponseTo;
    private final Consumer<String> draftCreated;
    private final PlatformsProperties properties;
    private final Clock clock;
    private final StringBuilder text = new StringBuilder();
    private final Thread worker;
    private final java.util.concurrent.Semaphore wake = new java.util.concurrent.Semaphore(0);
    private volatile @Nullable String draftId;
    private boolean stepEnded;
    private volatile boolean firstToken;
    private volatile boolean closed;
    private long version;

    ReplyStream(Platform platform, String chatId, @Nullable String threadId, @Nullable String replyTo,
                @Nullable String inResponseTo, @Nullable String draftId, Consumer<String> draftCreated,
                PlatformsProperties properties, Clock clock) {
        this.platform = platform;
        this.chatId = chatId;
        this.threadId = threadId;
        this.replyTo = replyTo;
        this.inResponseTo = inResponseTo;
        this.draftId = draftId;
        this.draftCreated = draftCreated;
        this.properties = properties;
        this.clock = clock;
        this.worker = Thread.ofVirtual().name("reply-" + platform.name()).start(this::run);
    }

    @Override
    public void accept(ChatEvent event) {
        switch (event.type()) {
            case "delta" -> {
                synchronized (text) {
                    if (stepEnded && !text.isEmpty()) {
                        text.append("\n\n");
                    }
                    stepEnded = false;
                    text.append(event.data().path("text").asString(""));
                    version++;
                }
                if (!firstToken) {
                    firstToken = true;
                    // the first words show now, not when the typing indicator would next be repeated
                    wake.release();
                }
            }
            case "message" -> {
                synchronized (text) {
                    stepEnded = true;
                }
            }
            default -> {
            }
        }
    }

    /** The message the reply was streamed into, if one was sent: the final text replaces it. */
    @Nullable String draftId() {
        return draftId;
    }

    @Override
    public void close() {
        closed = true;
        // woken, never interrupted: an interrupt would close the socket of a send in flight, and a draft Telegram
        // made would be lost (its id unknown), leaving a stray partial message beside the final one
        wake.release();
        try {
            // a platform call in flight may take its whole timeout; it must end before the final text is written,
            // or a late draft or preview edit could land after it
            worker.join(Duration.ofSeconds(45));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        long shown = 0;
        long notBefore = 0;
        boolean typed = false;
        while (!closed) {
            try {
                long now = clock.millis();
                if (firstToken && !typed) {
                    typed = true;
                    notBefore = now;
                }
                if (now >= notBefore) {
                    if (!firstToken) {
                        typing();
                        notBefore = now + properties.typingInterval().toMillis();
                    } else if (platform instanceof MessageEditing editing) {
                        String snapshot;
                        long current;
                        synchronized (text) {
                            snapshot = text.toString();
                            current = version;
                        }
                        if (current != shown && !snapshot.isBlank()) {
                            show(editing, snapshot);
                            shown = current;
                        }
                        notBefore = now + properties.streamEditInterval().toMillis();
                    } else {
                        return;
                    }
                }
                wake.tryAcquire(Math.max(20, Math.min(notBefore - clock.millis(), 1000)),
                        java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("Reply preview on {} failed", platform.name(), e);
                return;
            } catch (DeliveryException e) {
                // a preview is best effort: wait as the platform asked (or one interval) and show a newer one
                long wait = e.retryAfter().map(Duration::toMillis).orElse(properties.streamEditInterval().toMillis());
                notBefore = clock.millis() + wait;
                log.debug("Reply preview on {} failed: {}", platform.name(), e.getMessage());
            }
        }
    }

    private void typing() throws DeliveryException {
        if (platform instanceof TypingIndicator indicator) {
            indicator.typing(chatId, threadId);
        }
    }

    private void show(MessageEditing editing, String markdown) throws DeliveryException {
        // the preview is the part that fits in one message; the rest follows when the reply is complete
        List<String> parts = ReplySplitter.split(markdown, platform.format());
        if (parts.isEmpty()) {
            // nothing visible yet (an opening code fence): show it when there is
            return;
        }
        String preview = parts.getFirst();
        String draft = draftId;
        if (draft == null) {
            String id = platform.send(new OutgoingMessage(chatId, threadId, preview, replyTo, List.of(), List.of(),
                    false, inResponseTo));
            draftId = id;
            draftCreated.accept(id);
        } else {
            editing.edit(chatId, draft, preview);
        }
    }
}
