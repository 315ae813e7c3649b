package dev.starkbot.testing.fake;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Sends a scripted reply over an exchange, paced and with its {@link StreamFault}, for every fake. */
final class StreamPlayer {

    private StreamPlayer() {
    }

    /**
     * Streams the events as one chunk each.
     *
     * @param delay pause between two events (not before the first), zero for none
     * @param fault how the stream goes wrong, or null when it does not
     */
    static void play(HttpExchange exchange, Map<String, String> headers, List<SseEvent> events, Duration delay,
            StreamFault fault) throws IOException, InterruptedException {
        var stream = exchange.stream(200, headers);
        int faultAt = fault == null ? -1 : fault.events();
        for (int i = 0; i < events.size(); i++) {
            if (i > 0 && !delay.isZero() && !exchange.pause(delay)) {
                return; // the server is closing: drop the connection
            }
            if (i != faultAt) {
                stream.write(events.get(i).wire());
                continue;
            }
            switch (fault) {
                case StreamFault.Cut _ -> {
                    exchange.hangUp();
                    return;
                }
                case StreamFault.Truncated _ -> {
                    stream.finish();
                    return;
                }
                case StreamFault.Malformed _ -> stream.write(events.get(i).corrupted().wire());
            }
        }
        if (fault instanceof StreamFault.Cut) {
            exchange.hangUp(); // cut after every event: all data arrived, but the body never ended
        } else {
            stream.finish();
        }
    }

    /** Sends a non-streaming reply; see {@link StreamFault} for what each fault does to a whole body. */
    static void respond(HttpExchange exchange, Map<String, String> headers, String body, Duration delay,
            StreamFault fault) throws IOException, InterruptedException {
        if (!delay.isZero() && !exchange.pause(delay)) {
            return;
        }
        switch (fault) {
            case StreamFault.Cut _ -> exchange.respondCut(200, headers, body);
            case StreamFault.Malformed _, StreamFault.Truncated _ ->
                    exchange.respond(200, headers, body.substring(0, body.length() / 2));
            case null -> exchange.respond(200, headers, body);
        }
    }

    /** Reads the request and answers nothing, not even a status line, then drops the connection. */
    static void stall(HttpExchange exchange, Duration duration) throws IOException, InterruptedException {
        exchange.pause(duration);
        exchange.hangUp();
    }
}
