// A conversation as a file, built in the browser from the API: Markdown to read, JSON to keep or process.
import { api } from "/app/app.js";

const PAGE = 500;

/** The conversation and all its messages, oldest first. */
async function readAll(id) {
    const path = `/api/conversations/${encodeURIComponent(id)}`;
    const conversation = await api("GET", path);
    const messages = [];
    let before = null;
    for (;;) {
        const query = before === null ? `?limit=${PAGE}` : `?limit=${PAGE}&before=${before}`;
        const page = await api("GET", `${path}/messages${query}`);
        messages.push(...page);
        if (page.length < PAGE) {
            break;
        }
        before = page[page.length - 1].seq;
    }
    return { conversation, messages: messages.reverse() };
}

/** A file for the conversation: `{name, blob}`, in the format "md" or "json". */
export async function exportConversation(id, format) {
    const { conversation, messages } = await readAll(id);
    const base = fileName(conversation.title || "conversation");
    if (format === "json") {
        const body = JSON.stringify({ exportedAt: new Date().toISOString(), conversation, messages }, null, 2);
        return { name: `${base}.json`, blob: new Blob([body], { type: "application/json" }) };
    }
    return { name: `${base}.md`, blob: new Blob([toMarkdown(conversation, messages)], { type: "text/markdown" }) };
}

function fileName(title) {
    const name = title.normalize("NFKD").replace(/[^\w\s-]/g, "").trim().replace(/\s+/g, "-").toLowerCase();
    return name.slice(0, 60) || "conversation";
}

const WHO = { user: "You", assistant: "StarkBot", notice: "Notice" };

function toMarkdown(conversation, messages) {
    const lines = [`# ${conversation.title || "Conversation"}`, ""];
    lines.push(`- Started: ${new Date(conversation.createdAt).toISOString()}`);
    if (conversation.model) {
        lines.push(`- Model: ${conversation.model}`);
    }
    lines.push(`- Messages: ${messages.length}`, "");
    for (const message of messages) {
        const by = message.model ? `${WHO[message.role]} (${message.model})` : WHO[message.role] ?? message.role;
        lines.push(`## ${by}, ${new Date(message.createdAt).toISOString()}`, "");
        for (const block of message.content ?? []) {
            if (block.type === "text") {
                lines.push(block.text, "");
            } else if (block.type === "tool_use") {
                lines.push(`Tool call \`${block.name}\`:`, "", fence(block.input, "json"), "");
            } else if (block.type === "tool_result") {
                lines.push(block.error ? "Tool error:" : "Tool result:", "", fence(block.content, ""), "");
            }
        }
        if (message.role === "notice" && !(message.content ?? []).length) {
            lines.push(message.text, "");
        }
        if (message.status === "interrupted") {
            lines.push("_(interrupted)_", "");
        }
    }
    return lines.join("\n");
}

// a fence longer than any run of backticks in the text, so that the text cannot close it
function fence(text, language) {
    const longest = Math.max(2, ...(String(text).match(/`+/g) ?? []).map((run) => run.length));
    const marks = "`".repeat(longest + 1);
    return `${marks}${language}\n${text}\n${marks}`;
}
