package dev.starkbot.testing.fake;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One server-sent event exactly as it goes on the wire, blank line included, so that a replayed transcript is sent
 * byte for byte.
 */
record SseEvent(String wire) {

    /** An event with a name, as Anthropic sends them. */
    static SseEvent named(String event, String data) {
        return new SseEvent("event: " + event + "\n" + dataLines(data) + "\n");
    }

    /** An unnamed event, as OpenAI sends them. */
    static SseEvent data(String data) {
        return new SseEvent(dataLines(data) + "\n");
    }

    /** Splits a transcript into its events, keeping every byte (each event keeps the blank line that ends it). */
    static List<SseEvent> parseAll(String transcript) {
        List<SseEvent> events = new ArrayList<>();
        int start = 0;
        while (start < transcript.length()) {
            int end = endOfEvent(transcript, start);
            events.add(new SseEvent(transcript.substring(start, end)));
            start = end;
        }
        return events;
    }

    /** Where the event starting at {@code start} ends: after its blank line (LF or CRLF), or at the end. */
    private static int endOfEvent(String transcript, int start) {
        int lf = transcript.indexOf("\n\n", start);
        int crlf = transcript.indexOf("\r\n\r\n", start);
        if (crlf >= 0 && (lf < 0 || crlf < lf)) {
            return crlf + 4;
        }
        return lf < 0 ? transcript.length() : lf + 2;
    }

    /**
     * The same event with the second half of its data cut off: still a well-framed event, but its data is no longer
     * JSON, which is what a client sees from a proxy or server that garbles one event.
     */
    SseEvent corrupted() {
        var lines = wire.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("data:")) {
                String value = lines[i].substring("data:".length());
                lines[i] = "data:" + value.substring(0, Math.max(1, value.length() / 2));
                break;
            }
        }
        return new SseEvent(String.join("\n", lines));
    }

    private static String dataLines(String data) {
        // A data value containing line breaks must become several data lines, which the client joins with "\n".
        return data.lines().map(line -> "data: " + line + "\n").collect(Collectors.joining());
    }
}
