// The platforms page: each chat platform's connection, kept current by the gateway's platform.status events; and,
// for admins (the server renders those sections only for them, and the API checks again), the pairing requests to
// approve or reject, the write-only tokens, and Discord's install link. Names are inserted as text only.
import { api, showError, showPageError } from "/app/app.js";
import { live } from "/app/live.js";

const list = document.querySelector(".platform-list");
const itemTemplate = document.getElementById("platform-item");
const pairingList = document.querySelector(".pairing-list");
const admin = pairingList !== null;

const NAMES = { telegram: "Telegram", discord: "Discord" };
const STATES = {
    CONNECTING: "Connecting", CONNECTED: "Connected", BACKING_OFF: "Retrying", FAILED: "Failed", STOPPED: "Stopped",
};
const statuses = new Map();
const when = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });

function time(instant) {
    return instant ? when.format(new Date(instant)) : "never";
}

function render(status) {
    const item = itemTemplate.content.firstElementChild.cloneNode(true);
    item.dataset.platform = status.platform;
    item.dataset.state = status.state;
    const name = NAMES[status.platform] || status.platform;
    const heading = item.querySelector(".platform-name");
    heading.id = `platform-${status.platform}`;
    heading.textContent = name;
    item.setAttribute("aria-labelledby", heading.id);
    const state = item.querySelector(".state");
    state.textContent = STATES[status.state] || status.state;
    state.className = `state state-${status.state.toLowerCase()}`;
    const detail = item.querySelector(".detail");
    detail.textContent = status.detail || "";
    detail.hidden = !status.detail;
    item.querySelector(".since").textContent = time(status.since);
    item.querySelector(".last-event").textContent = time(status.lastEventAt);
    item.querySelector(".reconnects").textContent = String(status.reconnects);
    return item;
}

function show(status) {
    statuses.set(status.platform, status);
    const item = render(status);
    const existing = list.querySelector(`li[data-platform="${CSS.escape(status.platform)}"]`);
    if (existing) {
        existing.replaceWith(item);
    } else {
        list.append(item);
    }
    document.querySelector(".empty").hidden = true;
}

async function loadStatus() {
    try {
        const all = await api("GET", "/api/platforms");
        list.replaceChildren();
        statuses.clear();
        all.forEach(show);
        document.querySelector(".empty").hidden = all.length > 0;
        showPageError(null);
    } catch (error) {
        showPageError(error);
    } finally {
        document.querySelector(".loading").hidden = true;
    }
}

// ---- pairing requests (admins) ----

function renderPairing(pairing) {
    const item = document.getElementById("pairing-item").content.firstElementChild.cloneNode(true);
    item.dataset.code = pairing.code;
    const platform = NAMES[pairing.platform] || pairing.platform;
    item.querySelector(".pairing-who").textContent = `${pairing.senderName || "Someone"} on ${platform}`;
    item.querySelector(".pairing-facts").textContent = `Code ${pairing.code} · until ${time(pairing.expiresAt)}`;
    for (const button of item.querySelectorAll("button")) {
        button.setAttribute("aria-label", `${button.textContent}: ${pairing.senderName} (${pairing.code})`);
    }
    return item;
}

function showPairings(pairings) {
    pairingList.replaceChildren(...pairings.map(renderPairing));
    document.querySelector(".no-pairings").hidden = pairings.length > 0;
}

async function loadPairings() {
    try {
        showPairings(await api("GET", "/api/platforms/pairings"));
    } catch (error) {
        showPageError(error);
    }
}

async function decide(button) {
    const item = button.closest("li[data-code]");
    const code = encodeURIComponent(item.dataset.code);
    const region = item.querySelector(".pairing-error");
    button.disabled = true;
    try {
        if (button.dataset.action === "approve") {
            await api("POST", `/api/platforms/pairings/${code}/approve`);
        } else {
            await api("DELETE", `/api/platforms/pairings/${code}`);
        }
        item.remove();
        document.querySelector(".no-pairings").hidden = pairingList.children.length > 0;
    } catch (error) {
        region.textContent = error.message;
        region.hidden = false;
        button.disabled = false;
    }
}

// ---- tokens (admins): write-only, only ever "set" or "not set" ----

function showTokenState(form, setting) {
    const state = form.querySelector(".token-state");
    state.textContent = setting.set ? "Set" : "Not set";
    state.dataset.set = String(Boolean(setting.set));
    form.querySelector("[data-action=clear]").disabled = !setting.set;
}

const TOKENS = [
    { key: "platforms.telegram.bot-token", id: "telegram", label: "Telegram bot token",
        placeholder: "123456789:AAHf…" },
    { key: "platforms.discord.bot-token", id: "discord", label: "Discord bot token" },
    { key: "platforms.discord.client-secret", id: "discord-secret", label: "Discord client secret",
        hint: "Only for the install link's return to StarkBot." },
];

function tokenForm({ key, id, label, placeholder, hint }) {
    const form = document.getElementById("token-item").content.firstElementChild.cloneNode(true);
    form.dataset.key = key;
    const input = form.querySelector("input");
    input.id = `t-${id}`;
    input.placeholder = placeholder || "";
    form.querySelector("label").htmlFor = input.id;
    form.querySelector("label").textContent = label;
    form.querySelector(".token-state").id = `s-${id}`;
    const described = [`s-${id}`];
    if (hint) {
        const hintText = form.querySelector(".token-hint");
        hintText.id = `h-${id}`;
        hintText.textContent = hint;
        hintText.hidden = false;
        described.push(hintText.id);
    }
    input.setAttribute("aria-describedby", described.join(" "));
    form.addEventListener("submit", (event) => {
        event.preventDefault();
        saveToken(form, false);
    });
    form.querySelector("[data-action=clear]").addEventListener("click", () => saveToken(form, true));
    return form;
}

async function loadTokens() {
    try {
        const settings = await api("GET", "/api/settings/global");
        for (const form of document.querySelectorAll("form.token")) {
            const setting = settings.find((s) => s.key === form.dataset.key);
            if (setting) {
                showTokenState(form, setting);
            }
        }
    } catch (error) {
        showPageError(error);
    }
}

async function saveToken(form, clear) {
    const input = form.querySelector("input");
    const key = encodeURIComponent(form.dataset.key);
    showError(form, null);
    if (!clear && !input.value.trim()) {
        showError(form, new Error("Paste the token first."));
        input.focus();
        return;
    }
    const buttons = form.querySelectorAll("button");
    buttons.forEach((b) => { b.disabled = true; });
    try {
        const setting = clear ? await api("DELETE", `/api/settings/global/${key}`)
            : await api("PUT", `/api/settings/global/${key}`, { value: input.value });
        // the field never keeps a token once it is saved
        input.value = "";
        buttons.forEach((b) => { b.disabled = false; });
        showTokenState(form, setting);
    } catch (error) {
        buttons.forEach((b) => { b.disabled = false; });
        showError(form, error);
    }
}

async function openInstall(button) {
    const region = document.querySelector(".install-error");
    const fallback = document.querySelector(".install-fallback");
    region.hidden = true;
    button.disabled = true;
    try {
        const link = await api("GET", "/api/platforms/discord/install");
        const anchor = fallback.querySelector("a");
        anchor.href = link.url;
        fallback.querySelector(".install-expiry").textContent = link.expiresAt
            ? `(valid until ${time(link.expiresAt)})` : "";
        fallback.hidden = false;
        window.open(link.url, "_blank", "noopener,noreferrer");
    } catch (error) {
        region.textContent = error.message;
        region.hidden = false;
    } finally {
        button.disabled = false;
    }
}

live.on("platforms", "sync", loadStatus);
live.on("platforms", "platform.status", show);
loadStatus();

if (admin) {
    live.on("platforms", "sync", loadPairings);
    // the event lacks what the list shows (the sender's id, when it was made): read the list again
    live.on("platforms", "platform.pairing_requested", loadPairings);
    document.querySelector(".token-list").replaceChildren(...TOKENS.map(tokenForm));
    loadPairings();
    loadTokens();
    pairingList.addEventListener("click", (event) => {
        const button = event.target.closest("button[data-action]");
        if (button) {
            decide(button);
        }
    });
    document.querySelector("[data-action=discord-install]")
        .addEventListener("click", (event) => openInstall(event.currentTarget));
}
