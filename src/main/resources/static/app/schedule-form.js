// The form that creates and changes a schedule, in a dialog (a full-screen sheet on a phone): the trigger with a
// live preview of its next fire times, the time zone, the task and its parameters, and the API's field errors shown
// next to the fields they name.
import { api, ApiError } from "/app/app.js";
import { fieldErrors } from "/app/field-errors.js";
import { allZones, sameClock, shortDuration, timeIn, viewerZone } from "/app/schedule-words.js";

const HIDDEN = "********";
const PREVIEW_DELAY_MS = 300;

const dialog = document.getElementById("schedule-dialog");
const form = document.getElementById("schedule-form");
const title = document.getElementById("schedule-form-title");
const preview = document.getElementById("preview");
const previewStatus = preview.querySelector(".preview-status");
const previewTimes = preview.querySelector(".preview-times");
const headerRows = form.querySelector(".header-rows");
const headerTemplate = document.getElementById("header-row");
// Of the two slots for task.params.conversationId, the one of the task shown.
const errors = fieldErrors(form, (slot) => !slot.dataset.taskError || slot.dataset.taskError === taskType());

let editing = null;
/** A task of a type this form has no fields for (a plugin's): kept as it is unless another type is chosen. */
let otherTask = null;
let onSaved = () => {};
let previewTimer = 0;
let previewRequest = null;

const zones = document.getElementById("zones");
for (const zone of allZones()) {
    const option = document.createElement("option");
    option.value = zone;
    zones.append(option);
}

const triggerType = () => form.elements.triggerType.value;
const taskType = () => form.elements.taskType.value;

function showSections() {
    for (const section of form.querySelectorAll("[data-trigger]")) {
        section.hidden = section.dataset.trigger !== triggerType();
    }
    for (const section of form.querySelectorAll("[data-task]")) {
        section.hidden = section.dataset.task !== taskType();
    }
    const method = form.elements.method.value;
    form.elements.body.disabled = method === "GET" || method === "HEAD";
}

function addHeader(name = "", saved = false) {
    const row = headerTemplate.content.firstElementChild.cloneNode(true);
    const value = row.querySelector(".header-value");
    row.querySelector(".header-name").value = name;
    if (saved) {
        // The API never shows a header's value again; sending the mask back keeps the stored one.
        value.placeholder = "saved value kept";
        value.dataset.saved = "true";
    }
    headerRows.append(row);
    return row;
}

/** The trigger as the API takes it, or null while a field it needs is still empty. */
function trigger() {
    const zone = form.elements.zone.value.trim();
    const base = { type: triggerType(), zone: zone || undefined };
    switch (base.type) {
        case "cron": {
            const expression = form.elements.expression.value.trim();
            return expression ? { ...base, expression } : null;
        }
        case "interval": {
            const every = form.elements.intervalEvery.value.trim();
            return every ? { ...base, every, startAt: form.elements.startAt.value || undefined } : null;
        }
        default:
            return form.elements.onceAt.value ? { ...base, at: form.elements.onceAt.value } : null;
    }
}

function params() {
    const el = form.elements;
    if (otherTask && taskType() === otherTask.type) {
        return otherTask.params;
    }
    switch (taskType()) {
        case "ai-prompt":
            return { prompt: el.prompt.value, conversationId: el.promptConversation.value || undefined };
        case "message":
            return { conversationId: el.messageConversation.value || undefined, text: el.text.value };
        default: {
            const headers = {};
            for (const row of headerRows.children) {
                const name = row.querySelector(".header-name").value.trim();
                const input = row.querySelector(".header-value");
                if (name) {
                    headers[name] = input.value === "" && input.dataset.saved ? HIDDEN : input.value;
                }
            }
            const body = el.body.disabled ? "" : el.body.value;
            return {
                method: el.method.value, url: el.url.value.trim(),
                headers: Object.keys(headers).length ? headers : undefined,
                body: body === "" ? undefined : body, timeout: el.timeout.value.trim() || undefined,
            };
        }
    }
}

function body() {
    const attempts = Number(form.elements.maxAttempts.value);
    return {
        name: form.elements.name.value.trim(),
        trigger: trigger() || { type: triggerType(), zone: form.elements.zone.value.trim() || undefined },
        task: { type: taskType(), params: params() },
        missedRuns: form.elements.missedRuns.value,
        maxAttempts: form.elements.maxAttempts.value === "" || Number.isNaN(attempts) ? undefined : attempts,
        enabled: form.elements.enabled.checked,
    };
}

// ---- the preview

function setPreview(status, times = []) {
    previewStatus.textContent = status;
    previewStatus.hidden = !status;
    const items = times.map(({ at }) => {
        const item = document.createElement("li");
        const zone = form.elements.zone.value.trim() || viewerZone;
        const there = document.createElement("span");
        there.className = "there";
        there.textContent = timeIn(at, zone);
        item.append(there);
        if (!sameClock(at, zone, viewerZone)) {
            const here = document.createElement("span");
            here.className = "here";
            here.textContent = `your time: ${timeIn(at, viewerZone)}`;
            item.append(here);
        }
        return item;
    });
    previewTimes.replaceChildren(...items);
}

function schedulePreview() {
    clearTimeout(previewTimer);
    previewTimer = setTimeout(runPreview, PREVIEW_DELAY_MS);
}

async function runPreview() {
    previewRequest?.abort();
    errors.clear("trigger");
    const wanted = trigger();
    if (!wanted) {
        setPreview("Fill in the trigger to see when it fires.");
        return;
    }
    const request = new AbortController();
    previewRequest = request;
    preview.setAttribute("aria-busy", "true");
    try {
        const times = await api("POST", "/api/schedules/preview", { trigger: wanted, count: 5 },
            { signal: request.signal });
        setPreview(times.length ? "" : "It will not fire again.", times);
    } catch (error) {
        if (request.signal.aborted) {
            return;
        }
        const placed = error instanceof ApiError && error.status === 422 && errors.show(error.problem);
        setPreview(placed ? "Nothing to show until the trigger is valid: see the message above."
            : `No preview: ${error.message}`);
    } finally {
        if (previewRequest === request) {
            preview.removeAttribute("aria-busy");
            previewRequest = null;
        }
    }
}

// ---- opening, filling and saving

function fill(schedule) {
    form.reset();
    headerRows.replaceChildren();
    errors.clear();
    const el = form.elements;
    const t = schedule?.trigger || { type: "cron", zone: viewerZone };
    el.name.value = schedule?.name || "";
    el.triggerType.value = t.type;
    el.expression.value = t.expression || "";
    el.intervalEvery.value = t.every ? shortDuration(t.every) : "";
    for (const [input, value] of [[el.startAt, t.startAt], [el.onceAt, t.at]]) {
        // datetime-local drops seconds unless its step allows them
        input.step = value && !/:00$/.test(value) ? "1" : "60";
        input.value = value ? (input.step === "1" ? value : value.slice(0, 16)) : "";
    }
    el.zone.value = t.zone || viewerZone;
    const task = schedule?.task || { type: "ai-prompt", params: {} };
    const p = task.params || {};
    form.querySelector("#f-task option[data-other]")?.remove();
    otherTask = form.querySelector(`#f-task option[value="${CSS.escape(task.type)}"]`) ? null : task;
    if (otherTask) {
        const option = document.createElement("option");
        option.value = task.type;
        option.textContent = `Keep its task (${task.type})`;
        option.dataset.other = "true";
        el.taskType.append(option);
    }
    el.taskType.value = task.type;
    el.prompt.value = task.type === "ai-prompt" ? p.prompt || "" : "";
    el.text.value = task.type === "message" ? p.text || "" : "";
    el.promptConversation.value = task.type === "ai-prompt" ? p.conversationId || "" : "";
    el.messageConversation.value = task.type === "message" ? p.conversationId || "" : "";
    el.method.value = task.type === "http" ? p.method || "GET" : "POST";
    el.url.value = p.url || "";
    el.body.value = p.body || "";
    el.timeout.value = p.timeout || "";
    for (const name of Object.keys(task.type === "http" ? p.headers || {} : {})) {
        addHeader(name, true);
    }
    el.missedRuns.value = schedule?.missedRuns || "run-once";
    el.maxAttempts.value = String(schedule?.maxAttempts || 3);
    el.enabled.checked = schedule ? schedule.enabled : true;
    showSections();
}

/** Opens the form for a new schedule (null) or one to change; calls saved(schedule) once it is saved. */
export function openForm(schedule, saved) {
    editing = schedule;
    onSaved = saved;
    title.textContent = schedule ? `Change “${schedule.name}”` : "New schedule";
    fill(schedule);
    dialog.showModal();
    form.elements.name.focus();
    runPreview();
}

/** Conversations to choose from, for the reminder and prompt tasks: [{id, title}]. */
export function setConversations(conversations) {
    for (const select of form.querySelectorAll("select.conversations")) {
        const chosen = select.value;
        const options = conversations.map(({ id, title: name }) => {
            const option = document.createElement("option");
            option.value = id;
            option.textContent = name || "Untitled conversation";
            return option;
        });
        select.replaceChildren(select.options[0], ...options);
        select.value = chosen;
    }
}

form.addEventListener("input", (event) => {
    if (event.target.closest(".trigger-fields") || event.target === form.elements.zone
        || event.target.name === "triggerType") {
        schedulePreview();
    }
});
form.addEventListener("change", (event) => {
    showSections();
    if (event.target.name === "triggerType") {
        schedulePreview();
    }
});
form.addEventListener("click", (event) => {
    const action = event.target.closest("[data-action]")?.dataset.action;
    if (action === "add-header") {
        addHeader().querySelector(".header-name").focus();
    } else if (action === "remove-header") {
        const row = event.target.closest(".header-row");
        (row.nextElementSibling?.querySelector("input") || form.querySelector("[data-action=add-header]")).focus();
        row.remove();
    } else if (action === "close-form") {
        dialog.close();
    }
});
dialog.addEventListener("close", () => {
    clearTimeout(previewTimer);
    previewRequest?.abort();
});

form.addEventListener("submit", async (event) => {
    event.preventDefault();
    errors.clear();
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    try {
        const saved = editing
            ? await api("PUT", `/api/schedules/${encodeURIComponent(editing.id)}`, body())
            : await api("POST", "/api/schedules", body());
        dialog.close();
        onSaved(saved);
    } catch (error) {
        if (!(error instanceof ApiError && errors.show(error.problem))) {
            errors.setFormError(error.message);
        } else {
            errors.setFormError("Some fields need a change: see the messages next to them.");
        }
        form.querySelector("[aria-invalid=true]")?.focus();
    } finally {
        button.disabled = false;
    }
});
