// The chat page: the open conversation's messages, the composer that sends a message and shows the reply as it is
// written, and the conversation's settings. The list of conversations is chat-list.js; rendering is chat-render.js.
import { api, showError } from "/app/app.js";
import { Attachments } from "/app/chat-attachments.js";
import { ConversationList } from "/app/chat-list.js";
import { settings } from "/app/chat-settings.js";
import { serverSentEvents } from "/app/chat-stream.js";
import {
    attachResult, copyCode, element, messageItem, messageShell, renderMarkdown, toolCard,
} from "/app/chat-render.js";

const PAGE = 50;
const main = document.getElementById("main");
const $ = (selector) => main.querySelector(selector);
const thread = $(".thread");
const messages = $("#messages");
const scroller = $("#scroller");
const composer = $("#composer");
const textarea = $("#message-text");
const older = $("#older");
const heading = $("#thread-title");
const announcer = $("#announcer");
const turnStatus = $("#turn-status");
const persona = $("#persona");
const model = $("#model");

const state = {
    id: null, conversation: null, oldestSeq: null, loadingOlder: false,
    shown: new Set(), tools: new Map(), turn: null,
    // bumped on every navigation, so that answers for a conversation no longer open are dropped
    generation: 0,
};
const list = new ConversationList($("#conversations"), (id, seq) => navigate(id, seq));
const conversationPath = (id) => `/api/conversations/${encodeURIComponent(id)}`;
// a file chosen in a new chat starts the conversation, since an upload belongs to one
const attachments = new Attachments($("#attach"), $("#attachments"), () => conversationId(), () => {
    textarea.required = !attachments.count();
});

/** Opens a conversation (null: a new chat) as a new entry in the history, then moves focus to `focus`. */
function navigate(id, seq = null, focus = heading) {
    main.dataset.view = "thread";
    history.pushState({ id }, "", id ? `/chat/${encodeURIComponent(id)}` : "/chat");
    open(id, seq).then(() => focus.focus());
}

async function open(id, seq = null) {
    const generation = ++state.generation;
    leaveTurn();
    if (id !== state.id) {
        // uploads belong to the conversation they were made in
        attachments.clear();
    }
    Object.assign(state, { id, conversation: null, oldestSeq: null });
    model.placeholder = "provider:model";
    state.shown.clear();
    state.tools.clear();
    messages.replaceChildren();
    older.hidden = true;
    turnStatus.textContent = "";
    threadError(null);
    list.setCurrent(id);
    showHeader();
    if (!id) {
        return;
    }
    try {
        const [conversation, page] = await Promise.all([api("GET", conversationPath(id)),
            api("GET", `${conversationPath(id)}/messages?limit=${PAGE}`)]);
        if (generation !== state.generation) {
            return;
        }
        state.conversation = conversation;
        showHeader();
        messages.append(items(page));
        noteModel(page.find((message) => message.model)?.model);
        older.hidden = page.length < PAGE;
        scroller.scrollTop = scroller.scrollHeight;
        if (seq !== null) {
            await reveal(seq, generation);
        }
    } catch (error) {
        if (generation === state.generation) {
            threadError(error.status === 404 ? new Error("This conversation does not exist, or is not yours.")
                : error);
        }
    }
}

/** A page of messages (newest first, as the API answers) as list items, oldest first. */
function items(page) {
    const fragment = document.createDocumentFragment();
    for (const message of [...page].reverse()) {
        const item = state.shown.has(message.id) ? null : messageItem(message, state.tools);
        state.shown.add(message.id);
        if (item) {
            fragment.append(item);
        }
        suggestModel(message.model);
    }
    if (page.length > 0) {
        state.oldestSeq = Math.min(state.oldestSeq ?? Infinity, page[page.length - 1].seq);
    }
    $("#empty").hidden = state.shown.size > 0 || fragment.childElementCount > 0;
    return fragment;
}

async function loadOlder() {
    if (state.loadingOlder || older.hidden || state.oldestSeq === null) {
        return;
    }
    state.loadingOlder = true;
    const generation = state.generation;
    try {
        const path = `${conversationPath(state.id)}/messages?limit=${PAGE}&before=${state.oldestSeq}`;
        const page = await api("GET", path);
        if (generation !== state.generation) {
            return;
        }
        // keep the messages in view where they were while older ones appear above them
        const fromBottom = scroller.scrollHeight - scroller.scrollTop;
        messages.prepend(items(page));
        scroller.scrollTop = scroller.scrollHeight - fromBottom;
        older.hidden = page.length < PAGE;
    } catch (error) {
        threadError(error);
    } finally {
        state.loadingOlder = false;
    }
}

/** Shows the message with this sequence number (a search hit), paging back to it if needed. */
async function reveal(seq, generation) {
    for (let pages = 0; pages < 20 && !older.hidden && !messages.querySelector(`[data-seq="${seq}"]`); pages++) {
        await loadOlder();
    }
    const item = generation === state.generation && messages.querySelector(`[data-seq="${seq}"]`);
    if (item) {
        item.classList.add("found");
        item.scrollIntoView({ block: "center" });
    }
}

function showHeader() {
    const conversation = state.conversation;
    const title = conversation ? conversation.title || "New conversation" : "New chat";
    heading.textContent = title;
    document.title = `${title} · StarkBot`;
    for (const node of main.querySelectorAll(".conversation-only")) {
        node.hidden = !conversation;
    }
    $("#title").value = conversation?.title ?? "";
    persona.value = conversation?.personaId ?? "";
    model.value = conversation?.model ?? "";
    $("#empty").hidden = Boolean(state.id);
    $("#menu-status").textContent = "";
}

function threadError(error) {
    showError(thread, error);
}

/** The model that wrote the newest reply, shown in the empty model field, and offered as a suggestion. */
function noteModel(name) {
    if (name) {
        model.placeholder = `Default; last used: ${name}`;
    }
    suggestModel(name);
}

function suggestModel(name) {
    if (name && ![...$("#model-options").options].some((option) => option.value === name)) {
        $("#model-options").append(new Option(name, name));
    }
}

// ---- sending a message and following its turn ----

async function send() {
    const text = textarea.value;
    if ((!text.trim() && !attachments.count()) || state.turn) {
        return;
    }
    const turn = {
        controller: new AbortController(), reply: null, text: "", frame: 0, last: "", ended: false,
        // the text sent, given back to the composer if the turn is refused before the message was stored
        sent: text, stored: false,
    };
    state.turn = turn;
    busy(true);
    threadError(null);
    textarea.value = "";
    textarea.focus();
    let started = false;
    try {
        const id = await conversationId();
        const files = await attachments.ids();
        const body = files.length ? { text, attachments: files } : { text };
        const response = await api("POST", `${conversationPath(id)}/messages`, body,
            { raw: true, signal: turn.controller.signal, headers: { "Accept": "text/event-stream" } });
        started = true;
        attachments.clear();
        for await (const { event, data } of serverSentEvents(response)) {
            handle(turn, event, data);
        }
    } catch (error) {
        if (turn.controller.signal.aborted) {
            return;
        }
        if (!started) {
            giveBack(turn);
        }
        threadError(error);
        announce(`Not sent: ${error.message}`);
    } finally {
        if (state.turn === turn) {
            endTurn(turn);
        }
    }
}

let creating = null;

/** The open conversation's id; a new chat is created once, however many callers ask at the same moment. */
function conversationId() {
    if (state.id) {
        return Promise.resolve(state.id);
    }
    creating ??= create().finally(() => {
        creating = null;
    });
    return creating;
}

async function create() {
    const body = {};
    if (persona.value) {
        body.personaId = persona.value;
    }
    if (model.value.trim()) {
        body.model = model.value.trim();
    }
    const conversation = await api("POST", "/api/conversations", body);
    state.generation++;
    Object.assign(state, { id: conversation.id, conversation });
    history.pushState({ id: conversation.id }, "", `/chat/${encodeURIComponent(conversation.id)}`);
    list.upsert(conversation);
    list.setCurrent(conversation.id);
    showHeader();
    return conversation.id;
}

function handle(turn, event, data) {
    switch (event) {
        case "message":
            if (data.message.role === "assistant") {
                finishReply(turn, data.message);
            } else {
                turn.stored = true;
                append(data.message);
            }
            break;
        case "delta":
            replyItem(turn);
            turn.text += data.text;
            scheduleRender(turn);
            break;
        case "tool_call": {
            const card = toolCard(data.id, data.name, data.input);
            state.tools.set(data.id, card);
            replyItem(turn).querySelector(".body").append(card);
            break;
        }
        case "tool_result":
            attachResult(state.tools, data.toolUseId, data.content, data.error, false);
            break;
        case "usage":
            noteModel(data.model);
            break;
        case "status":
            turnStatus.textContent = data.message;
            break;
        case "notice":
            append(data.message);
            break;
        case "done":
            turn.ended = true;
            turnStatus.textContent = data.stopReason === "cancelled" ? "Stopped." : "";
            announce(data.stopReason === "cancelled" ? "The reply was stopped."
                : `StarkBot replied: ${turn.last.slice(0, 400)}`);
            refresh();
            break;
        case "error":
            turn.ended = true;
            giveBack(turn);
            threadError(new Error(data.detail || data.type));
            announce(`The reply failed: ${data.detail || data.type}`);
            break;
        default:
            // events this page does not show
    }
}

function giveBack(turn) {
    if (!turn.stored && !textarea.value) {
        textarea.value = turn.sent;
    }
}

/** The reply being written in this turn's current model call, created by its first delta or tool call. */
function replyItem(turn) {
    if (!turn.reply) {
        turn.reply = messageShell("assistant");
        turn.reply.classList.add("streaming");
        turn.reply.querySelector(".body").append(element("div", "markdown"));
        turn.text = "";
        follow(() => messages.append(turn.reply));
    }
    return turn.reply;
}

// the Markdown is parsed again as a whole on every change, so at most once a frame however fast the deltas come
function scheduleRender(turn) {
    if (turn.frame) {
        return;
    }
    turn.frame = requestAnimationFrame(() => {
        turn.frame = 0;
        if (turn.reply) {
            follow(() => turn.reply.querySelector(".markdown").replaceChildren(renderMarkdown(turn.text)));
        }
    });
}

function finishReply(turn, message) {
    cancelAnimationFrame(turn.frame);
    turn.frame = 0;
    state.shown.add(message.id);
    const item = messageItem(message, state.tools);
    follow(() => (turn.reply ? turn.reply.replaceWith(item) : messages.append(item)));
    turn.reply = null;
    turn.last = message.text || turn.last;
    noteModel(message.model);
}

function append(message) {
    if (state.shown.has(message.id)) {
        return;
    }
    state.shown.add(message.id);
    const item = messageItem(message, state.tools);
    if (item) {
        follow(() => messages.append(item));
    }
    $("#empty").hidden = true;
}

/** Runs a change to the thread, keeping it scrolled to the end if it was there: a reader above is left alone. */
function follow(change) {
    const atEnd = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 80;
    change();
    if (atEnd) {
        scroller.scrollTop = scroller.scrollHeight;
    }
}

function endTurn(turn) {
    cancelAnimationFrame(turn.frame);
    turn.reply?.classList.remove("streaming");
    if (!turn.ended && turn.reply) {
        turnStatus.textContent = "The connection was lost; the reply goes on. Open the conversation again to see it.";
    }
    state.turn = null;
    busy(false);
    if (document.activeElement === document.body || document.activeElement === $("#stop")) {
        textarea.focus();
    }
}

/** Stops following a turn on this page (another conversation was opened); the turn itself carries on. */
function leaveTurn() {
    if (state.turn) {
        state.turn.controller.abort();
        state.turn = null;
        busy(false);
    }
}

function busy(on) {
    $("#send").hidden = on;
    $("#stop").hidden = !on;
    $("#stop").disabled = false;
    thread.setAttribute("aria-busy", String(on));
}

async function stop() {
    $("#stop").disabled = true;
    turnStatus.textContent = "Stopping…";
    try {
        await api("POST", `${conversationPath(state.id)}/abort`);
    } catch (error) {
        threadError(error);
    }
}

async function refresh() {
    const id = state.id;
    try {
        const conversation = await api("GET", conversationPath(id));
        if (state.id === id) {
            state.conversation = conversation;
            heading.textContent = conversation.title || "New conversation";
            list.upsert(conversation);
            list.setCurrent(id);
        }
        // a title is written in the background after the first turn; look once more for it
        if (!conversation.title && !refresh.again) {
            refresh.again = setTimeout(() => {
                refresh.again = null;
                if (state.id === id) {
                    refresh();
                }
            }, 4000);
        }
    } catch {
        // the list catches up on the next load
    }
}

// a new text each time, so that a screen reader announces it even when it equals the last one
function announce(text) {
    announcer.textContent = "";
    setTimeout(() => { announcer.textContent = text; }, 50);
}

// ---- wiring ----

composer.addEventListener("submit", (event) => {
    event.preventDefault();
    send();
});
textarea.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        send();
    }
});
$("#stop").addEventListener("click", stop);
older.addEventListener("click", loadOlder);
new IntersectionObserver((entries) => {
    if (entries.some((entry) => entry.isIntersecting)) {
        loadOlder();
    }
}, { root: scroller }).observe(older);
messages.addEventListener("click", (event) => {
    const copy = event.target.closest("[data-action=copy-code]");
    if (copy) {
        copyCode(copy);
    }
});
$("#new-chat").addEventListener("click", () => navigate(null, null, textarea));
$("#show-list").addEventListener("click", () => {
    main.dataset.view = "list";
    $("#new-chat").focus();
});
window.addEventListener("popstate", () => {
    const id = decodeURIComponent(location.pathname.match(/^\/chat\/([^/]+)/)?.[1] ?? "") || null;
    main.dataset.view = id ? "thread" : "list";
    open(id);
});

history.replaceState({ id: main.dataset.conversation || null }, "");
list.load();
open(main.dataset.conversation || null);
settings({ main, state, list, navigate, showHeader, conversationPath });
