// The admin page for accounts: every account (read page by page from the API), filtered here by words, status and
// role; a new account; a role changed; an account disabled (after a confirmation), enabled again or approved. The
// API decides what is allowed (an admin cannot demote or disable themselves, nor leave StarkBot without an active
// admin) and its message is shown next to the account. Everything from the API is inserted as text.
import { api, showPageError } from "/app/app.js";
import { confirmed } from "/app/confirm.js";
import { fieldErrors } from "/app/field-errors.js";
import { allUsers, when } from "/app/admin-common.js";

const STATUS_WORDS = { pending: "waiting for approval", active: "active", disabled: "disabled" };
const list = document.querySelector(".user-list");
const count = document.querySelector(".user-count");
const itemTemplate = document.getElementById("user-item");
const search = document.getElementById("u-search");
const statusFilter = document.getElementById("u-status");
const roleFilter = document.getElementById("u-role");
const dialog = document.getElementById("user-dialog");
const form = document.getElementById("user-form");
const disableDialog = document.getElementById("disable-dialog");
const errors = fieldErrors(form);
let users = [];

function label(user) {
    return user.displayName && user.displayName !== user.username
        ? `${user.displayName} (${user.username})` : user.username;
}

function matches(user) {
    const words = search.value.trim().toLowerCase();
    return (!words || user.username.toLowerCase().includes(words)
            || (user.displayName || "").toLowerCase().includes(words))
        && (!statusFilter.value || user.status === statusFilter.value)
        && (!roleFilter.value || user.role === roleFilter.value);
}

function userItem(user) {
    const item = itemTemplate.content.firstElementChild.cloneNode(true);
    item.dataset.id = user.id;
    item.classList.toggle("gone", user.status === "disabled");
    item.querySelector(".what").textContent = label(user);
    const status = item.querySelector(".status");
    status.textContent = STATUS_WORDS[user.status] || user.status;
    status.classList.toggle("good", user.status === "active");
    status.classList.toggle("waiting", user.status === "pending");
    item.querySelector(".when").textContent = `created ${when(user.createdAt)} · `
        + (user.lastLoginAt ? `last signed in ${when(user.lastLoginAt)}` : "never signed in");
    const role = item.querySelector(".role-choice");
    role.value = user.role;
    role.setAttribute("aria-label", `Role of ${user.username}`);
    for (const [action, shown] of [["approve", user.status === "pending"], ["disable", user.status !== "disabled"],
        ["enable", user.status === "disabled"]]) {
        const button = item.querySelector(`[data-action=${action}]`);
        button.hidden = !shown;
        button.setAttribute("aria-label", `${button.textContent}: ${user.username}`);
    }
    return item;
}

function render() {
    const shown = users.filter(matches);
    list.replaceChildren(...shown.map(userItem));
    const accounts = users.length === 1 ? "account" : "accounts";
    count.textContent = shown.length === users.length ? `${users.length} ${accounts}`
        : `${shown.length} of ${users.length} ${accounts}`;
}

async function load() {
    try {
        users = await allUsers();
        render();
    } catch (error) {
        showPageError(error);
    }
}

function rowMessage(item, error, note = "") {
    const region = item.querySelector(".row-error");
    region.textContent = error ? error.message : "";
    region.hidden = !error;
    item.querySelector(".row-note").textContent = note;
}

/** Sends a change of one account; answers the updated account, or shows the API's refusal next to it. */
async function change(item, method, path, body, note) {
    const buttons = item.querySelectorAll("button, select");
    buttons.forEach((control) => { control.disabled = true; });
    try {
        const updated = await api(method, path, body);
        users = users.map((user) => (user.id === updated.id ? updated : user));
        const fresh = userItem(updated);
        item.replaceWith(fresh);
        rowMessage(fresh, null, note);
        return fresh;
    } catch (error) {
        buttons.forEach((control) => { control.disabled = false; });
        rowMessage(item, error);
        return null;
    }
}

list.addEventListener("change", async (event) => {
    const role = event.target.closest(".role-choice");
    const item = role?.closest("li[data-id]");
    const user = users.find((candidate) => candidate.id === item?.dataset.id);
    if (!user) {
        return;
    }
    const fresh = await change(item, "PATCH", `/api/admin/users/${encodeURIComponent(user.id)}`,
        { role: role.value }, `Role changed to ${role.value}.`);
    if (!fresh) {
        role.value = user.role;
    }
});

list.addEventListener("click", async (event) => {
    const button = event.target.closest("button[data-action]");
    const item = button?.closest("li[data-id]");
    const user = users.find((candidate) => candidate.id === item?.dataset.id);
    if (!user) {
        return;
    }
    const path = `/api/admin/users/${encodeURIComponent(user.id)}`;
    const action = button.dataset.action;
    if (action === "approve") {
        await change(item, "POST", `${path}/approve`, undefined, "Approved: the account can sign in.");
    } else if (action === "enable") {
        await change(item, "PATCH", path, { status: "active" }, "Enabled: the account can sign in again.");
    } else if (action === "disable"
            && await confirmed(disableDialog, `${label(user)} will be signed out everywhere.`)) {
        await change(item, "PATCH", path, { status: "disabled" }, "Disabled: its sessions and keys have ended.");
    }
});

for (const filter of [search, statusFilter, roleFilter]) {
    filter.addEventListener("input", render);
}

document.querySelector("[data-action=new-user]").addEventListener("click", () => {
    form.reset();
    errors.clear();
    dialog.showModal();
});

dialog.addEventListener("click", (event) => {
    if (event.target.closest("button[data-action=close-form]")) {
        dialog.close();
    }
});

form.addEventListener("submit", async (event) => {
    event.preventDefault();
    errors.clear();
    const body = {
        username: form.elements.username.value.trim(),
        displayName: form.elements.displayName.value.trim() || undefined,
        password: form.elements.password.value,
        role: form.elements.role.value,
    };
    try {
        const user = await api("POST", "/api/admin/users", body);
        users.push(user);
        dialog.close();
        form.reset();
        render();
        const item = list.querySelector(`li[data-id="${CSS.escape(user.id)}"]`);
        if (item) {
            rowMessage(item, null, "Created.");
        }
    } catch (error) {
        errors.report(error, { "username-taken": "username", "weak-password": "password" });
        form.querySelector("[aria-invalid=true]")?.focus();
    }
});

load();
