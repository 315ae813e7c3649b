// The admin page for the audit log: newest first, a page at a time (the API's "before" is the time of the last event
// shown), filtered by type. Each event's actor, target, address and details are shown as text, never as markup:
// a failed login's actor is whatever someone typed.
import { api } from "/app/app.js";
import { fieldErrors } from "/app/field-errors.js";

const PAGE = 50;
// the types StarkBot records (docs/accounts.md), offered while typing; any other is still accepted
const TYPES = ["setup.completed", "setup.failed", "login.succeeded", "login.failed", "login.throttled", "logout",
    "session.revoked", "password.changed", "password.change-failed", "user.registered", "user.created",
    "user.role-changed", "user.status-changed", "invite.created", "invite.revoked", "api-key.created",
    "api-key.revoked", "setting.changed", "preference.changed", "platform.pairing-approved",
    "platform.pairing-rejected", "platform.link-code-created", "platform.identity-linked",
    "platform.identity-unlinked", "platform.discord-server-added"];

const form = document.getElementById("audit-filter");
const errors = fieldErrors(form);
const list = document.querySelector(".audit-list");
const none = document.querySelector(".no-events");
const count = document.querySelector(".audit-count");
const older = document.querySelector("[data-action=older]");
document.getElementById("audit-types").replaceChildren(...TYPES.map((value) =>
    Object.assign(document.createElement("option"), { value })));
let type = "";
let last = null;

function eventItem(entry) {
    const item = document.createElement("li");
    const head = document.createElement("span");
    head.className = "what";
    const kind = document.createElement("span");
    kind.className = "audit-type";
    kind.textContent = entry.type;
    head.append(kind, ` · ${entry.actorName || entry.actorId || "nobody signed in"}`);
    const about = document.createElement("span");
    about.className = "when";
    const at = new Date(entry.at).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "medium" });
    about.textContent = [at, entry.target ? `target ${entry.target}` : "", entry.ip ? `from ${entry.ip}` : ""]
        .filter(Boolean).join(" · ");
    item.append(head, about);
    if (entry.details) {
        const details = document.createElement("p");
        details.className = "details";
        details.textContent = entry.details;
        item.append(details);
    }
    return item;
}

/** The next page after the last event shown, or the first page when starting again. */
async function more(fresh) {
    const query = new URLSearchParams({ limit: String(PAGE) });
    if (type) {
        query.set("type", type);
    }
    if (!fresh && last) {
        query.set("before", last);
    }
    older.disabled = true;
    try {
        const entries = await api("GET", `/api/admin/audit?${query}`);
        if (fresh) {
            list.replaceChildren();
        }
        list.append(...entries.map(eventItem));
        last = entries.length ? entries[entries.length - 1].at : last;
        older.hidden = entries.length < PAGE;
        none.hidden = list.childElementCount > 0;
        const shown = list.childElementCount;
        count.textContent = `${shown} ${shown === 1 ? "event" : "events"} shown${type ? ` of type ${type}` : ""}`
            + (older.hidden ? "." : "; older ones follow.");
    } finally {
        older.disabled = false;
    }
}

form.addEventListener("submit", async (event) => {
    event.preventDefault();
    errors.clear();
    type = form.elements.type.value.trim();
    last = null;
    try {
        await more(true);
    } catch (error) {
        errors.report(error);
    }
});

older.addEventListener("click", () => more(false).catch((error) => errors.setFormError(error.message)));

more(true).catch((error) => errors.setFormError(error.message));
