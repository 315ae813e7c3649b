// The API keys of the account page: listed (never the keys themselves), created, with the new key shown once to be
// copied, and revoked after a confirmation.
import { api } from "/app/app.js";
import { confirmed } from "/app/confirm.js";
import { fieldErrors } from "/app/field-errors.js";

const ROLES = ["readonly", "user", "admin"];

/** An instant in the viewer's own words, such as "27 Nov 2026, 07:30". */
export function when(instant) {
    return instant ? new Date(instant).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" }) : "";
}

const form = document.getElementById("key-form");
const list = document.querySelector(".key-list");
const noKeys = document.querySelector(".no-keys");
const created = document.querySelector(".new-key");
const createdValue = created.querySelector(".new-key-value");
const copyNote = created.querySelector(".copy-note");
const revokeDialog = document.getElementById("revoke-dialog");
const errors = fieldErrors(form);

function state(key) {
    if (key.revokedAt) {
        return `revoked ${when(key.revokedAt)}`;
    }
    if (key.expiresAt && new Date(key.expiresAt) <= new Date()) {
        return `expired ${when(key.expiresAt)}`;
    }
    return key.expiresAt ? `expires ${when(key.expiresAt)}` : "does not expire";
}

function keyItem(key, writable) {
    const item = document.createElement("li");
    const gone = Boolean(key.revokedAt) || state(key).startsWith("expired");
    item.classList.toggle("gone", gone);
    const what = document.createElement("span");
    what.className = "what";
    what.textContent = key.name;
    const about = document.createElement("span");
    about.className = "when";
    about.textContent = `${key.prefix}… · acts as ${key.scope} · created ${when(key.createdAt)} · `
        + `${key.lastUsedAt ? "last used " + when(key.lastUsedAt) : "never used"} · ${state(key)}`;
    item.append(what, about);
    if (writable && !key.revokedAt) {
        const revoke = document.createElement("button");
        revoke.type = "button";
        revoke.className = "quiet danger";
        revoke.textContent = "Revoke";
        revoke.setAttribute("aria-label", `Revoke: ${key.name}`);
        revoke.addEventListener("click", async () => {
            if (!await confirmed(revokeDialog, `“${key.name}” (${key.prefix}…) will stop working.`)) {
                return;
            }
            revoke.disabled = true;
            try {
                await api("DELETE", `/api/keys/${encodeURIComponent(key.id)}`);
                await loadKeys(writable);
            } catch (error) {
                revoke.disabled = false;
                errors.setFormError(error.message);
            }
        });
        item.append(revoke);
    }
    return item;
}

async function loadKeys(writable) {
    const keys = await api("GET", "/api/keys");
    list.replaceChildren(...keys.map((key) => keyItem(key, writable)));
    noKeys.hidden = keys.length > 0;
}

/** Lists the user's keys; a user who may create keys gets the form, with scopes up to their own role. */
export async function showKeys(user, writable) {
    form.hidden = !writable;
    const widest = ROLES.indexOf(user.role);
    for (const option of form.elements.scope.options) {
        option.hidden = ROLES.indexOf(option.value) > widest;
    }
    form.elements.scope.value = user.role;
    await loadKeys(writable);
}

form.addEventListener("submit", async (event) => {
    event.preventDefault();
    errors.clear();
    const day = form.elements.expiresAt.value;
    const body = {
        name: form.elements.name.value.trim(),
        scope: form.elements.scope.value,
        // the end of the chosen day in the viewer's zone
        expiresAt: day ? new Date(`${day}T23:59:59`).toISOString() : undefined,
    };
    try {
        const { key } = await api("POST", "/api/keys", body);
        form.reset();
        form.elements.scope.value = body.scope;
        createdValue.textContent = key;
        copyNote.textContent = "";
        created.hidden = false;
        created.focus();
        await loadKeys(true);
    } catch (error) {
        errors.report(error, { "invalid-expiry": "expiresAt", "scope-too-wide": "scope" });
        form.querySelector("[aria-invalid=true]")?.focus();
    }
});

created.addEventListener("click", async (event) => {
    const action = event.target.closest("button[data-action]")?.dataset.action;
    if (action === "copy-key") {
        try {
            await navigator.clipboard.writeText(createdValue.textContent);
            copyNote.textContent = "Copied.";
        } catch {
            // the clipboard needs HTTPS or localhost: select the key for copying by hand instead
            getSelection().selectAllChildren(createdValue);
            copyNote.textContent = "Selected: copy it with your keyboard or menu.";
        }
    } else if (action === "done-key") {
        // the key leaves the page for good
        createdValue.textContent = "";
        created.hidden = true;
        form.elements.name.focus();
    }
});
