// The admin page for invites: a new invite's code is shown once, to be copied; every invite is listed (never its
// code) with who made it, its role, its expiry and who used it; an unused one is revoked after a confirmation.
import { api, showPageError } from "/app/app.js";
import { confirmed } from "/app/confirm.js";
import { fieldErrors } from "/app/field-errors.js";
import { allUsers, when } from "/app/admin-common.js";

const form = document.getElementById("invite-form");
const errors = fieldErrors(form);
const list = document.querySelector(".invite-list");
const none = document.querySelector(".no-invites");
const created = document.querySelector(".new-invite");
const code = created.querySelector(".invite-code");
const copyNote = created.querySelector(".copy-note");
const revokeDialog = document.getElementById("revoke-dialog");
let names = new Map();

function name(id) {
    return names.get(id) || id;
}

function state(invite) {
    if (invite.usedAt) {
        return `used ${when(invite.usedAt)} by ${name(invite.usedBy)}`;
    }
    return new Date(invite.expiresAt) <= new Date() ? `expired ${when(invite.expiresAt)}`
        : `unused, expires ${when(invite.expiresAt)}`;
}

function inviteItem(invite) {
    const item = document.createElement("li");
    item.dataset.id = invite.id;
    const open = !invite.usedAt && new Date(invite.expiresAt) > new Date();
    item.classList.toggle("gone", !open);
    const what = document.createElement("span");
    what.className = "what";
    what.textContent = `${invite.role} invite · ${state(invite)}`;
    const about = document.createElement("span");
    about.className = "when";
    about.textContent = `created ${when(invite.createdAt)} by ${name(invite.createdBy)}`;
    item.append(what, about);
    if (!invite.usedAt) {
        const revoke = document.createElement("button");
        revoke.type = "button";
        revoke.className = "quiet danger";
        revoke.textContent = "Revoke";
        revoke.setAttribute("aria-label", `Revoke the ${invite.role} invite created ${when(invite.createdAt)}`);
        revoke.addEventListener("click", async () => {
            if (!await confirmed(revokeDialog, `The ${invite.role} invite created ${when(invite.createdAt)}.`)) {
                return;
            }
            revoke.disabled = true;
            try {
                await api("DELETE", `/api/admin/invites/${encodeURIComponent(invite.id)}`);
                await load();
            } catch (error) {
                revoke.disabled = false;
                showPageError(error);
            }
        });
        item.append(revoke);
    }
    return item;
}

async function load() {
    const [invites, users] = await Promise.all([api("GET", "/api/admin/invites"), allUsers()]);
    names = new Map(users.map((user) => [user.id, user.username]));
    list.replaceChildren(...invites.map(inviteItem));
    none.hidden = invites.length > 0;
}

form.addEventListener("submit", async (event) => {
    event.preventDefault();
    errors.clear();
    const hours = form.elements.validHours.value.trim();
    const body = { role: form.elements.role.value, validHours: hours === "" ? undefined : Number(hours) };
    try {
        const answer = await api("POST", "/api/admin/invites", body);
        code.textContent = answer.code;
        created.querySelector(".invite-about").textContent =
            `For a ${answer.invite.role} account; it works once, until ${when(answer.invite.expiresAt)}.`;
        copyNote.textContent = "";
        created.hidden = false;
        created.focus();
        await load();
    } catch (error) {
        errors.report(error);
        form.querySelector("[aria-invalid=true]")?.focus();
    }
});

created.addEventListener("click", async (event) => {
    const action = event.target.closest("button[data-action]")?.dataset.action;
    if (action === "copy-code") {
        try {
            await navigator.clipboard.writeText(code.textContent);
            copyNote.textContent = "Copied.";
        } catch {
            // the clipboard needs HTTPS or localhost: select the code for copying by hand instead
            getSelection().selectAllChildren(code);
            copyNote.textContent = "Selected: copy it with your keyboard or menu.";
        }
    } else if (action === "done-code") {
        // the code leaves the page for good
        code.textContent = "";
        created.hidden = true;
        form.elements.role.focus();
    }
});

load().catch(showPageError);
