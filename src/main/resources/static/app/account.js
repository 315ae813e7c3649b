// The account page: your profile and preferences, your password, the sessions you are signed in with, and your API
// keys (account-keys.js). Everything from the API is inserted as text, never as markup.
import { api } from "/app/app.js";
import { showKeys, when } from "/app/account-keys.js";
import { fieldErrors } from "/app/field-errors.js";
import { allZones } from "/app/schedule-words.js";

const pageError = document.querySelector(".page-error");
const profileForm = document.getElementById("profile-form");
const passwordForm = document.getElementById("password-form");
const sessionList = document.querySelector(".session-list");
const endOthers = document.querySelector("[data-action=end-others]");
const sessionsNote = document.querySelector(".sessions-note");
const profileErrors = fieldErrors(profileForm);
const passwordErrors = fieldErrors(passwordForm);
const PREFERENCES = ["timeZone", "locale", "defaultPersona", "defaultModel"];

function options(datalist, values) {
    datalist.replaceChildren(...values.map((value) => Object.assign(document.createElement("option"), { value })));
}
options(document.getElementById("zones"), allZones());

function showPageError(error) {
    pageError.textContent = error ? error.message : "";
    pageError.hidden = !error;
}

function fillProfile(user) {
    profileForm.querySelector(".username").textContent = user.username;
    profileForm.querySelector(".role").textContent = user.role;
    profileForm.elements.displayName.value = user.displayName || "";
    for (const name of PREFERENCES) {
        profileForm.elements[name].value = user.preferences?.[name] || "";
    }
}

profileForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    profileErrors.clear();
    const note = profileForm.querySelector(".saved-note");
    note.textContent = "";
    const body = { displayName: profileForm.elements.displayName.value.trim() };
    for (const name of PREFERENCES) {
        body[name] = profileForm.elements[name].value.trim();
    }
    try {
        fillProfile(await api("PATCH", "/api/me", body));
        note.textContent = "Saved.";
    } catch (error) {
        // an unknown zone or locale comes without a list of fields; its detail names the value
        profileErrors.report(error);
    }
});

passwordForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    passwordErrors.clear();
    const note = passwordForm.querySelector(".saved-note");
    note.textContent = "";
    const { currentPassword, newPassword, repeat } = passwordForm.elements;
    if (newPassword.value !== repeat.value) {
        passwordErrors.show({ errors: [{ field: "repeat", message: "The two new passwords differ." }] });
        repeat.focus();
        return;
    }
    try {
        await api("POST", "/api/me/password", { currentPassword: currentPassword.value,
            newPassword: newPassword.value });
        passwordForm.reset();
        note.textContent = "Password changed. Your other sessions have ended.";
        await loadSessions();
    } catch (error) {
        passwordErrors.report(error, { "wrong-password": "currentPassword", "weak-password": "newPassword" });
        passwordForm.querySelector("[aria-invalid=true]")?.focus();
    }
});

function sessionItem(session) {
    const item = document.createElement("li");
    const what = document.createElement("span");
    what.className = "what";
    what.textContent = (session.current ? "This session · " : "") + (session.userAgent || "Unknown client");
    const about = document.createElement("span");
    about.className = "when";
    about.textContent = `${session.kind === "cookie" ? "browser" : "token"} · signed in ${when(session.createdAt)}`
        + ` · last used ${when(session.lastSeenAt)} · from ${session.ip || "an unknown address"}`;
    item.append(what, about);
    if (!session.current) {
        const end = document.createElement("button");
        end.type = "button";
        end.className = "quiet danger";
        end.textContent = "End";
        end.setAttribute("aria-label", `End the session of ${session.userAgent || "an unknown client"}, `
            + `signed in ${when(session.createdAt)}`);
        end.addEventListener("click", () => endSessions([session], end));
        item.append(end);
    }
    return item;
}

async function loadSessions() {
    const sessions = await api("GET", "/api/sessions");
    sessionList.replaceChildren(...sessions.map(sessionItem));
    const others = sessions.filter((session) => !session.current);
    endOthers.hidden = others.length === 0;
    endOthers.onclick = () => endSessions(others, endOthers);
}

async function endSessions(sessions, button) {
    showPageError(null);
    sessionsNote.textContent = "";
    button.disabled = true;
    try {
        for (const session of sessions) {
            await api("DELETE", `/api/sessions/${encodeURIComponent(session.id)}`);
        }
        sessionsNote.textContent = sessions.length === 1 ? "The session has ended." : "Those sessions have ended.";
    } catch (error) {
        showPageError(error);
    } finally {
        button.disabled = false;
        await loadSessions().catch(showPageError);
    }
}

async function load() {
    try {
        const [me, personas] = await Promise.all([api("GET", "/api/me"), api("GET", "/api/personas")]);
        fillProfile(me.user);
        options(document.getElementById("persona-names"), personas.map((persona) => persona.name));
        const writable = me.user.role !== "readonly";
        for (const element of profileForm.querySelectorAll("input, button")) {
            element.disabled = !writable;
        }
        await Promise.all([loadSessions(), showKeys(me.user, writable)]);
    } catch (error) {
        showPageError(error);
    }
}

load();
