// How the chat page shows messages. Everything a person or a model wrote reaches the page either as textContent or
// as Markdown that marked turned into HTML and DOMPurify then cleaned; never as a raw string given to innerHTML.
import { Marked } from "/webjars/marked/16.4.1/lib/marked.esm.js";
import DOMPurify from "/webjars/dompurify/3.3.0/dist/purify.es.mjs";

const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" };
const escape = (text) => String(text).replace(/[&<>"']/g, (c) => ESCAPES[c]);

// HTML the model writes is shown as the text it is, not interpreted: a reply quoting markup shows the markup, and a
// prompt-injected <img onerror> or <form> has nothing to run or to phish with. Images become links, since the
// page's policy only loads images from StarkBot itself (and a remote image would tell its host who read the reply).
const markdown = new Marked({
    gfm: true,
    breaks: true,
    renderer: {
        html({ text }) {
            return escape(text);
        },
        image({ href, text }) {
            return `<a href="${escape(href)}">${escape(text || "image")} (image)</a>`;
        },
    },
});

// an instance of its own, so that these hooks apply to the chat's Markdown only
const purify = DOMPurify(window);
purify.addHook("afterSanitizeAttributes", (node) => {
    if (node.tagName === "A" && node.hasAttribute("href")) {
        node.setAttribute("target", "_blank");
        node.setAttribute("rel", "noopener noreferrer");
    }
    if (node.tagName === "INPUT") {
        node.setAttribute("disabled", "");
    }
});
const PURIFY_OPTIONS = {
    RETURN_DOM_FRAGMENT: true,
    // style attributes would be refused by the page's policy anyway; dropping them avoids the violation reports
    FORBID_ATTR: ["style"],
    FORBID_TAGS: ["style", "form", "button", "textarea", "select", "img", "svg", "math", "iframe", "video", "audio"],
};

/** Markdown as a sanitised fragment, each code block with a Copy button. */
export function renderMarkdown(text) {
    const fragment = purify.sanitize(markdown.parse(text ?? ""), PURIFY_OPTIONS);
    for (const pre of fragment.querySelectorAll("pre")) {
        const box = element("div", "codeblock");
        pre.replaceWith(box);
        const copy = element("button", "quiet copy", "Copy");
        copy.type = "button";
        copy.dataset.action = "copy-code";
        copy.setAttribute("aria-label", "Copy code");
        box.append(copy, pre);
    }
    return fragment;
}

/** Puts a code block's text on the clipboard; where the clipboard is not available (plain http), selects it. */
export async function copyCode(button) {
    const pre = button.closest(".codeblock").querySelector("pre");
    try {
        await navigator.clipboard.writeText(pre.textContent);
        button.textContent = "Copied";
    } catch {
        getSelection().selectAllChildren(pre);
        button.textContent = "Selected: press Ctrl+C";
    }
    setTimeout(() => { button.textContent = "Copy"; }, 2000);
}

export function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) {
        node.className = className;
    }
    if (text !== undefined) {
        node.textContent = text;
    }
    return node;
}

const WHO = { user: "You", assistant: "StarkBot", notice: "Notice" };

/** An empty message item for a role: its author line and a body; the streaming reply starts as one of these. */
export function messageShell(role) {
    const item = element("li", `msg msg-${role}`);
    item.append(element("p", "who", WHO[role] ?? role), element("div", "body"));
    return item;
}

/**
 * A stored message as a list item. Tool results are put into the card of the call they answer (found in `tools`,
 * a map from tool-use id to card) and answer null when every result found its card.
 */
export function messageItem(message, tools) {
    const blocks = message.content ?? [];
    const results = blocks.filter((block) => block.type === "tool_result");
    if (message.role === "user" && results.length > 0) {
        const orphans = results.filter((result) => !attachResult(tools, result.toolUseId, result.content,
            result.error, true));
        if (orphans.length === 0) {
            return null;
        }
        const item = messageShell("tool");
        item.querySelector(".who").textContent = "Tool results";
        for (const result of orphans) {
            const card = toolCard(result.toolUseId, "result", null);
            fillResult(card, result.content, result.error);
            item.querySelector(".body").append(card);
        }
        return identify(item, message);
    }
    if (message.role === "notice") {
        const item = element("li", "msg msg-notice", message.text);
        item.setAttribute("role", "note");
        return identify(item, message);
    }
    const item = messageShell(message.role);
    const body = item.querySelector(".body");
    for (const block of blocks) {
        if (block.type === "text" && message.role === "assistant") {
            const part = element("div", "markdown");
            part.append(renderMarkdown(block.text));
            body.append(part);
        } else if (block.type === "text") {
            body.append(element("div", "plain", block.text));
        } else if (block.type === "tool_use") {
            const card = toolCard(block.id, block.name, block.input);
            tools.set(block.id, card);
            body.append(card);
        }
    }
    item.append(meta(message));
    return identify(item, message);
}

function identify(item, message) {
    item.dataset.id = message.id;
    item.dataset.seq = message.seq;
    return item;
}

function meta(message) {
    const line = element("p", "meta");
    const time = element("time", null, new Date(message.createdAt).toLocaleString([],
        { dateStyle: "short", timeStyle: "short" }));
    time.dateTime = new Date(message.createdAt).toISOString();
    line.append(time);
    if (message.model) {
        line.append(` · ${message.model}`);
    }
    if (message.usage) {
        line.append(` · ${message.usage.inputTokens + message.usage.outputTokens} tokens`);
    }
    if (message.status === "interrupted") {
        line.append(" · ", element("strong", null, "interrupted"));
    }
    return line;
}

/** A collapsible card for a tool call; its input is an object (from an event) or JSON text (from a stored reply). */
export function toolCard(id, name, input) {
    const card = element("details", "tool");
    card.dataset.toolId = id;
    const summary = element("summary");
    summary.append("Tool ", element("code", null, name), " ", element("span", "tool-state", "running…"));
    card.append(summary);
    if (input !== null && input !== undefined) {
        card.append(element("p", "tool-label", "Input"), element("pre", "tool-input", pretty(input)));
    }
    return card;
}

/** Shows a tool's result in its call's card; false when there is no such card (or, if `once`, it has one). */
export function attachResult(tools, toolUseId, content, error, once) {
    const card = tools.get(toolUseId);
    if (!card || (once && card.querySelector(".tool-output"))) {
        return Boolean(card);
    }
    fillResult(card, content, error);
    return true;
}

function fillResult(card, content, error) {
    card.querySelector(".tool-output")?.previousElementSibling.remove();
    card.querySelector(".tool-output")?.remove();
    card.append(element("p", "tool-label", error ? "Error" : "Result"), element("pre", "tool-output", content));
    card.classList.toggle("failed", Boolean(error));
    const state = card.querySelector(".tool-state");
    if (state) {
        state.textContent = error ? "failed" : "done";
    }
}

function pretty(input) {
    try {
        return JSON.stringify(typeof input === "string" ? JSON.parse(input) : input, null, 2);
    } catch {
        return String(input);
    }
}

/** A search snippet, whose matching words come in [ and ], with those words marked. */
export function snippet(text) {
    const line = element("span", "snippet");
    for (const [index, part] of text.split(/\[([^\]]*)\]/).entries()) {
        line.append(index % 2 === 1 ? element("mark", null, part) : part);
    }
    return line;
}
