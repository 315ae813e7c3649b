package dev.starkbot.ai.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import dev.starkbot.ai.Cancellation;
import dev.starkbot.ai.ChatResult;
import dev.starkbot.ai.spi.ProviderException;
import dev.starkbot.ai.spi.ProviderException.Failure;

/**
 * What both SDK providers do around one streamed call: refuse when already cancelled, close the stream when
 * cancelled midway, and turn whatever the SDK throws into a {@link ProviderException} that keeps what had arrived.
 */
final class StreamingCall {

    private StreamingCall() {
    }

    /** The reply being folded from a stream. */
    interface State<E> {

        void accept(E event);

        ChatResult finish() throws ProviderException;

        ProviderException failure(Failure failure, String message, @Nullable Duration retryAfter,
                                  @Nullable Throwable cause);
    }

    /** An SDK stream: its events, and closing it, which also aborts the upstream request. */
    interface Stream<E> extends AutoCloseable {

        java.util.stream.Stream<E> events();

        @Override
        void close();
    }

    /** Opens the stream; SDK failures before the first event (HTTP status, connection) are thrown from here. */
    interface Opener<E> {
        Stream<E> open() throws ProviderException;
    }

    @SuppressWarnings("try")
    static <E> ChatResult run(State<E> state, Cancellation cancellation, Opener<E> opener,
                              Function<RuntimeException, ProviderException> classify) throws ProviderException {
        if (cancellation.cancelled()) {
            throw state.failure(Failure.CANCELLED, "stopped", null, null);
        }
        try (Stream<E> stream = opener.open(); AutoCloseable ignored = cancellation.onCancel(stream::close)) {
            stream.events().forEach(state::accept);
            return state.finish();
        } catch (ProviderException e) {
            // closing the stream to cancel may end it quietly, which looks like an early end
            throw cancellation.cancelled() ? state.failure(Failure.CANCELLED, "stopped", null, e) : e;
        } catch (RuntimeException e) {
            throw cancellation.cancelled() ? state.failure(Failure.CANCELLED, "stopped", null, e) : classify.apply(e);
        } catch (Exception e) {
            throw state.failure(Failure.NETWORK, "closing the stream failed", null, e);
        }
    }

    /**
     * Connections each provider's client keeps open while idle. The SDKs' default of 5 meant that a burst of more
     * concurrent replies (a group chat, several people, scheduled briefings at the same minute) closed all but five
     * connections after it and opened new ones, with a TLS handshake each, for the next burst.
     */
    static final int MAX_IDLE_CONNECTIONS = 64;
    /** How long an idle connection is kept: OkHttp's own default (the SDKs want both set, or neither). */
    static final java.time.Duration KEEP_ALIVE = java.time.Duration.ofMinutes(5);

    /** One SDK client per key and address; rebuilt only when either changes, so connections are reused. */
    static final class ClientCache<C> {

        private final AtomicReference<Cached<C>> current = new AtomicReference<>();

        C get(String key, Optional<String> baseUrl, java.util.function.Supplier<C> build) {
            Cached<C> cached = current.get();
            if (cached != null && cached.key().equals(key) && cached.baseUrl().equals(baseUrl)) {
                return cached.client();
            }
            // the old client is not closed: a call may still be streaming on it, and OkHttp frees idle resources
            Cached<C> fresh = new Cached<>(key, baseUrl, build.get());
            current.set(fresh);
            return fresh.client();
        }

        private record Cached<C>(String key, Optional<String> baseUrl, C client) {
        }
    }

    static @Nullable String first(java.util.List<String> values) {
        return values.isEmpty() ? null : values.getFirst();
    }
}
