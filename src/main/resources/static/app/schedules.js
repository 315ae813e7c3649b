// The schedules page: the signed-in user's schedules with their next fire times, switched on and off, deleted after
// a confirmation, and created or changed in the form of schedule-form.js. Everything a user wrote is inserted as
// text, never as markup.
import { api } from "/app/app.js";
import { confirmed } from "/app/confirm.js";
import { openForm, setConversations } from "/app/schedule-form.js";
import { sameClock, taskWords, timeIn, triggerWords, viewerZone } from "/app/schedule-words.js";

const list = document.querySelector(".schedule-list");
const itemTemplate = document.getElementById("schedule-item");
const loading = document.querySelector(".loading");
const empty = document.querySelector(".empty");
const pageError = document.querySelector(".page-error");
const deleteDialog = document.getElementById("delete-dialog");

const conversationTitles = new Map();
const schedules = new Map();

function showPageError(error) {
    pageError.textContent = error ? error.message : "";
    pageError.hidden = !error;
}

const JOB_STATES = {
    pending: "waiting to run", running: "running", completed: "done", failed: "failed", cancelled: "cancelled",
};

function nextWords(schedule) {
    if (!schedule.enabled) {
        return "Not while disabled";
    }
    if (!schedule.nextFireAt) {
        return "It will not fire again";
    }
    const zone = schedule.trigger.zone;
    const there = timeIn(schedule.nextFireAt, zone);
    return sameClock(schedule.nextFireAt, zone, viewerZone) ? there
        : `${there} (your time: ${timeIn(schedule.nextFireAt, viewerZone)})`;
}

function lastWords(schedule) {
    const job = schedule.lastJob;
    if (!schedule.lastFireAt && !job) {
        return null;
    }
    const parts = [];
    if (schedule.lastFireAt) {
        parts.push(timeIn(schedule.lastFireAt, viewerZone));
    }
    if (job) {
        parts.push(JOB_STATES[job.status] || job.status);
        if (job.status === "failed" && job.error) {
            parts.push(job.error);
        }
    }
    return parts.join(" · ");
}

function triggerText(trigger) {
    const words = triggerWords(trigger);
    if (trigger.type !== "cron") {
        return words || trigger.type;
    }
    return words ? `${words} (${trigger.expression})` : `cron ${trigger.expression}`;
}

function render(schedule) {
    const item = itemTemplate.content.firstElementChild.cloneNode(true);
    item.dataset.id = schedule.id;
    const heading = item.querySelector(".schedule-name");
    heading.id = `schedule-${schedule.id}`;
    heading.textContent = schedule.name;
    item.setAttribute("aria-labelledby", heading.id);
    item.classList.toggle("disabled", !schedule.enabled);

    const toggle = item.querySelector("[data-action=toggle]");
    toggle.setAttribute("aria-checked", String(schedule.enabled));
    toggle.textContent = schedule.enabled ? "On" : "Off";
    toggle.setAttribute("aria-label", `Enabled: ${schedule.name}`);

    item.querySelector(".task").textContent = taskWords(schedule.task, (id) => conversationTitles.get(id));
    item.querySelector(".trigger").textContent = triggerText(schedule.trigger);
    item.querySelector(".zone").textContent = schedule.trigger.zone;
    item.querySelector(".next").textContent = nextWords(schedule);
    const last = lastWords(schedule);
    item.querySelector(".last-row").hidden = !last;
    item.querySelector(".last").textContent = last || "";
    for (const button of item.querySelectorAll("[data-action=edit], [data-action=delete]")) {
        button.setAttribute("aria-label", `${button.textContent}: ${schedule.name}`);
    }
    return item;
}

function show(schedule) {
    schedules.set(schedule.id, schedule);
    const item = render(schedule);
    const existing = list.querySelector(`li[data-id="${CSS.escape(schedule.id)}"]`);
    if (existing) {
        existing.replaceWith(item);
    } else {
        list.append(item);
    }
    empty.hidden = true;
    return item;
}

function remove(id) {
    schedules.delete(id);
    list.querySelector(`li[data-id="${CSS.escape(id)}"]`)?.remove();
    empty.hidden = schedules.size > 0;
}

async function load() {
    try {
        const [mine, conversations] = await Promise.all([
            api("GET", "/api/schedules"),
            // the titles are for reading; without them the page still works
            api("GET", "/api/conversations?limit=500").catch(() => []),
        ]);
        for (const { id, title } of conversations) {
            conversationTitles.set(id, title || "Untitled conversation");
        }
        setConversations(conversations);
        list.replaceChildren();
        schedules.clear();
        mine.forEach(show);
        empty.hidden = mine.length > 0;
        showPageError(null);
    } catch (error) {
        showPageError(error);
    } finally {
        loading.hidden = true;
    }
}

async function act(action, schedule, button) {
    showPageError(null);
    button.disabled = true;
    try {
        if (action === "toggle") {
            const verb = schedule.enabled ? "disable" : "enable";
            const changed = await api("POST", `/api/schedules/${encodeURIComponent(schedule.id)}/${verb}`);
            show(changed).querySelector("[data-action=toggle]").focus();
        } else if (action === "edit") {
            openForm(schedule, (saved) => {
                show(saved).querySelector("[data-action=edit]").focus();
            });
        } else if (action === "delete" && await confirmed(deleteDialog, `“${schedule.name}” will not run again.`)) {
            await api("DELETE", `/api/schedules/${encodeURIComponent(schedule.id)}`);
            remove(schedule.id);
            document.querySelector("[data-action=new-schedule]").focus();
        }
    } catch (error) {
        showPageError(error);
    } finally {
        button.disabled = false;
    }
}

list.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-action]");
    const schedule = schedules.get(button?.closest("li[data-id]")?.dataset.id);
    if (schedule) {
        act(button.dataset.action, schedule, button);
    }
});

document.querySelector("[data-action=new-schedule]").addEventListener("click", () => {
    openForm(null, (saved) => {
        const item = show(saved);
        item.scrollIntoView({ block: "nearest" });
        item.querySelector("[data-action=edit]").focus();
    });
});

load();
