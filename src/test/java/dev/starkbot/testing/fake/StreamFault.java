package dev.starkbot.testing.fake;

/**
 * How a scripted stream goes wrong on its way to the client. Events are counted as they go on the wire, from 0,
 * including events the SDKs do not surface (Anthropic's {@code ping}, OpenAI's {@code [DONE]}).
 *
 * <p>On a non-streaming request the reply is one JSON body instead of events, and the count is ignored: a cut
 * sends the first half of the body under the whole body's Content-Length and closes the connection; a malformed or
 * truncated reply is a complete HTTP response whose body is the first half of the JSON.
 */
public sealed interface StreamFault {

    /** How many events go out intact before the fault. */
    int events();

    /** Sends {@code events} events, then closes the connection without the terminating chunk. */
    record Cut(int events) implements StreamFault {
    }

    /**
     * Sends {@code events} events, then the next one with its data cut in half (invalid JSON, the event name kept),
     * then the rest of the script, and ends the stream normally.
     */
    record Malformed(int events) implements StreamFault {
    }

    /**
     * Sends {@code events} events, then ends the response cleanly (terminating chunk, connection kept alive): a
     * stream that stops early without any transport error, as an idle-timeout proxy ends one.
     */
    record Truncated(int events) implements StreamFault {
    }
}
