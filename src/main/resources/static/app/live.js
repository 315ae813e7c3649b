// Live updates for the dashboard's pages: one WebSocket to StarkBot's gateway (/ws, docs/gateway.md) shared by the
// scripts of a page. The browser's session cookie authenticates the same-origin upgrade. live.on(topic, type, fn)
// subscribes to a topic and hands each of its events of that type to fn; after a lost connection it opens a new one
// after a wait that doubles from 1 s to 30 s (with jitter, so that a restarted server is not met by every browser at
// once) and resumes each topic after the last event handled, so nothing is missed. It never polls.
//
// Besides the gateway's own event types, listeners may ask for "sync": called once the topic's subscription is
// confirmed and again whenever the gateway could not replay what was missed (its "gap" event). That is when a page
// must (re)read its state from the API: reading after subscribing means that no change falls between the two.

const FIRST_WAIT_MS = 1_000;
const LONGEST_WAIT_MS = 30_000;
const UNAUTHENTICATED = -32001;

/** topic -> listeners [{ type, handler }] */
const listeners = new Map();
/** topic -> the seq of the last event handled (or that subscribe answered); what a resume starts after */
const lastSeq = new Map();
/** request id -> { resolve, reject } */
const pending = new Map();

let socket = null;
let nextId = 1;
let failures = 0;
let retryTimer = null;
let lost = false;

/** The top bar's polite status line: says so while the connection is lost, and is empty otherwise. */
function showLost(isLost) {
    lost = isLost;
    const status = document.querySelector(".live-status");
    if (status) {
        status.textContent = isLost ? "Reconnecting…" : "";
    }
}

function dispatch(topic, type, data, seq) {
    for (const listener of listeners.get(topic) || []) {
        if (listener.type === type) {
            try {
                listener.handler(data, { topic, type, seq });
            } catch (error) {
                // one page's mistake must not stop the others' listeners, nor the connection
                console.error(error);
            }
        }
    }
}

function onEvent({ topic, seq, type, data }) {
    if (type === "gap") {
        // After a restart of the server, its numbers start again below ours: take its number as it is.
        lastSeq.set(topic, seq);
        dispatch(topic, "sync", data, seq);
        return;
    }
    if (seq <= (lastSeq.get(topic) ?? -1)) {
        return; // delivered twice around a resume
    }
    lastSeq.set(topic, seq);
    dispatch(topic, type, data, seq);
}

function call(method, params) {
    const id = nextId++;
    socket.send(JSON.stringify({ jsonrpc: "2.0", method, params, id }));
    return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
}

function onMessage(message) {
    let msg;
    try {
        msg = JSON.parse(message.data);
    } catch {
        return;
    }
    if (msg.method === "event") {
        onEvent(msg.params);
        return;
    }
    const waiting = pending.get(msg.id);
    if (waiting) {
        pending.delete(msg.id);
        if (msg.error) {
            waiting.reject(msg.error);
        } else {
            waiting.resolve(msg.result);
        }
    }
}

/** Subscribes to topics never heard from and resumes the others after their last event. */
async function follow(topics) {
    const fresh = topics.filter((topic) => !lastSeq.has(topic));
    const known = topics.filter((topic) => lastSeq.has(topic));
    const calls = known.map((topic) => call("resume", { topic, afterSeq: lastSeq.get(topic) }));
    if (fresh.length > 0) {
        calls.push(call("subscribe", { topics: fresh }).then((numbers) => {
            for (const topic of fresh) {
                // an event may have come before the answer: keep the larger number
                lastSeq.set(topic, Math.max(numbers[topic] ?? 0, lastSeq.get(topic) ?? -1));
                dispatch(topic, "sync", null, lastSeq.get(topic));
            }
        }));
    }
    await Promise.all(calls);
}

function connect() {
    if (socket || retryTimer || listeners.size === 0) {
        return;
    }
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    const ws = new WebSocket(`${scheme}//${location.host}/ws`);
    socket = ws;
    ws.addEventListener("message", onMessage);
    ws.addEventListener("open", async () => {
        try {
            await follow([...listeners.keys()]);
            failures = 0;
            showLost(false);
        } catch (error) {
            if (error?.code === UNAUTHENTICATED) {
                // the session ended: signing in again is the only way back
                location.assign("/login?next=" + encodeURIComponent(location.pathname));
            } else {
                ws.close();
            }
        }
    });
    ws.addEventListener("close", () => {
        if (socket !== ws) {
            return;
        }
        socket = null;
        for (const waiting of pending.values()) {
            waiting.reject(new Error("The connection was lost"));
        }
        pending.clear();
        showLost(true);
        const wait = Math.min(LONGEST_WAIT_MS, FIRST_WAIT_MS * 2 ** failures);
        failures++;
        retryTimer = setTimeout(() => {
            retryTimer = null;
            connect();
        }, wait * (0.8 + Math.random() * 0.4));
    });
}

/**
 * Calls handler(data, { topic, type, seq }) for each event of this type on this topic, from now on; type "sync"
 * asks to be told when to (re)read the state the topic changes (see above).
 */
export function on(topic, type, handler) {
    const known = listeners.has(topic);
    listeners.set(topic, [...(listeners.get(topic) || []), { type, handler }]);
    if (!known && socket?.readyState === WebSocket.OPEN && !lost) {
        follow([topic]).catch(() => socket?.close());
    }
    connect();
}

/**
 * For browser tests only, and only on a page whose root element has a data-test attribute: closes the connection
 * as a network failure would, to see the page reconnect and resume.
 */
export function testHooks() {
    if (!document.documentElement.hasAttribute("data-test")) {
        return null;
    }
    return { drop: () => socket?.close(4000, "dropped by a test") };
}

export const live = { on };
