// Reading a turn's Server-Sent Events from a fetch response as they arrive. EventSource cannot send a POST with a
// body and a CSRF header, so the stream is parsed here, following the event-stream format of the HTML standard.

/**
 * The events of a text/event-stream response, one `{event, data}` at a time, `data` parsed as JSON. Ends with the
 * response; a read that fails (connection lost, or the signal aborted) throws.
 */
export async function* serverSentEvents(response) {
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    let name = "";
    let data = [];
    for (;;) {
        const { value, done } = await reader.read();
        if (done) {
            return;
        }
        buffer += value;
        for (;;) {
            const end = lineEnd(buffer);
            if (end === null) {
                break;
            }
            const line = buffer.slice(0, end.at);
            buffer = buffer.slice(end.at + end.length);
            if (line === "") {
                if (data.length > 0) {
                    yield { event: name || "message", data: JSON.parse(data.join("\n")) };
                }
                name = "";
                data = [];
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            const colon = line.indexOf(":");
            const field = colon < 0 ? line : line.slice(0, colon);
            let text = colon < 0 ? "" : line.slice(colon + 1);
            if (text.startsWith(" ")) {
                text = text.slice(1);
            }
            if (field === "event") {
                name = text;
            } else if (field === "data") {
                data.push(text);
            }
        }
    }
}

// a line ends at \n, \r\n or \r; a \r at the very end may be the first half of a \r\n still on its way
function lineEnd(buffer) {
    const at = buffer.search(/[\r\n]/);
    if (at < 0 || (buffer[at] === "\r" && at === buffer.length - 1)) {
        return null;
    }
    return { at, length: buffer[at] === "\r" && buffer[at + 1] === "\n" ? 2 : 1 };
}
