// The jobs page: the signed-in user's background jobs, newest first, with their progress kept current by the
// gateway's job.* events (each carries the whole job), and Cancel and Retry where the job's status allows them and
// the user may change things. A job's messages are inserted as text only.
import { api, showPageError } from "/app/app.js";
import { live } from "/app/live.js";

const main = document.querySelector("main.jobs");
const list = document.querySelector(".job-list");
const itemTemplate = document.getElementById("job-item");
const canChange = main.dataset.canChange === "true";

const TYPES = {
    "conversation.title": "Naming a conversation",
    "conversation.summarize": "Summarising a conversation",
    "schedule.run": "A run of a schedule",
};
const STATES = {
    pending: "Waiting", running: "Running", completed: "Done", failed: "Failed", cancelled: "Cancelled",
};
const jobs = new Map();
const when = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });

function render(job) {
    const item = itemTemplate.content.firstElementChild.cloneNode(true);
    item.dataset.id = job.id;
    item.dataset.status = job.status;
    const heading = item.querySelector(".job-name");
    heading.id = `job-${job.id}`;
    heading.textContent = TYPES[job.type] || job.type;
    item.setAttribute("aria-labelledby", heading.id);
    const state = item.querySelector(".state");
    state.textContent = STATES[job.status] || job.status;
    state.className = `state state-${job.status}`;

    const progress = item.querySelector("progress");
    progress.value = job.progressPercent;
    item.querySelector(".progress-words").textContent = job.progressMessage || "Progress";
    item.querySelector(".progress-percent").textContent = `${job.progressPercent}%`;

    const error = item.querySelector(".job-error");
    error.textContent = job.error || "";
    error.hidden = !job.error;
    item.querySelector(".created").textContent = when.format(new Date(job.createdAt));
    item.querySelector(".attempts").textContent = `${job.attempts} of ${job.maxAttempts}`;
    item.querySelector(".finished-row").hidden = !job.finishedAt;
    item.querySelector(".finished").textContent = job.finishedAt ? when.format(new Date(job.finishedAt)) : "";

    const cancel = item.querySelector("[data-action=cancel]");
    const retry = item.querySelector("[data-action=retry]");
    cancel.hidden = !canChange || !["pending", "running"].includes(job.status);
    retry.hidden = !canChange || !["failed", "cancelled"].includes(job.status);
    for (const button of [cancel, retry]) {
        button.setAttribute("aria-label", `${button.textContent}: ${heading.textContent}`);
    }
    item.querySelector(".job-actions").hidden = cancel.hidden && retry.hidden;
    return item;
}

/** Shows a job unless what is shown is newer: an answer of the API may arrive after a later event. */
function show(job) {
    const known = jobs.get(job.id);
    if (known && Date.parse(known.updatedAt) > Date.parse(job.updatedAt)) {
        return;
    }
    jobs.set(job.id, job);
    const item = render(job);
    const existing = list.querySelector(`li[data-id="${CSS.escape(job.id)}"]`);
    if (existing) {
        const focused = existing.contains(document.activeElement) ? document.activeElement.dataset.action : null;
        existing.replaceWith(item);
        if (focused) {
            const again = item.querySelector(`[data-action=${focused}]`);
            (again && !again.hidden ? again : item.querySelector(".job-name")).focus?.();
        }
    } else {
        list.prepend(item);
    }
    document.querySelector(".empty").hidden = true;
}

async function load() {
    try {
        const mine = await api("GET", "/api/jobs?limit=100");
        list.replaceChildren();
        jobs.clear();
        // newest first from the API; prepend each, oldest first
        mine.toReversed().forEach(show);
        document.querySelector(".empty").hidden = mine.length > 0;
        showPageError(null);
    } catch (error) {
        showPageError(error);
    } finally {
        document.querySelector(".loading").hidden = true;
    }
}

async function act(button) {
    const item = button.closest("li[data-id]");
    const region = item.querySelector(".action-error");
    region.hidden = true;
    button.disabled = true;
    try {
        show(await api("POST", `/api/jobs/${encodeURIComponent(item.dataset.id)}/${button.dataset.action}`));
    } catch (error) {
        region.textContent = error.message;
        region.hidden = false;
        button.disabled = false;
    }
}

list.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-action]");
    if (button) {
        act(button);
    }
});

live.on("jobs", "sync", load);
for (const status of Object.keys(STATES)) {
    live.on("jobs", `job.${status}`, show);
}
load();
