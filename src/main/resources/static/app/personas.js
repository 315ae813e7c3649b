// The personas page: the built-in persona and the signed-in user's own, created, changed and deleted in a form whose
// preview shows the system prompt filled in as the API would fill it. Names, prompts and values are inserted as
// text, never as markup.
import { api, ApiError } from "/app/app.js";
import { confirmed } from "/app/confirm.js";
import { fieldErrors } from "/app/field-errors.js";

const PREVIEW_DELAY_MS = 300;
/** Problem types about one field, without an "errors" list: their detail goes next to that field. */
const FIELD_OF_TYPE = {
    "unknown-variable": "systemPrompt", "invalid-template": "systemPrompt", "unknown-tool": "allowedTools",
    "persona-name-taken": "name",
};

const list = document.querySelector(".persona-list");
const itemTemplate = document.getElementById("persona-item");
const loading = document.querySelector(".loading");
const pageError = document.querySelector(".page-error");
const createButton = document.querySelector("[data-action=new-persona]");
const dialog = document.getElementById("persona-dialog");
const form = document.getElementById("persona-form");
const title = document.getElementById("persona-form-title");
const variableRows = form.querySelector(".variable-rows");
const variableTemplate = document.getElementById("variable-row");
const preview = document.getElementById("persona-preview");
const previewStatus = preview.querySelector(".preview-status");
const previewText = preview.querySelector(".preview-text");
const deleteDialog = document.getElementById("delete-dialog");
const errors = fieldErrors(form);

const personas = new Map();
let canWrite = false;
let editing = null;
let previewTimer = 0;
let previewRequest = null;

function showPageError(error) {
    pageError.textContent = error ? error.message : "";
    pageError.hidden = !error;
}

/** A problem's field errors, with the parts of a map or list field ("variables[tone]") gathered under it. */
function placeErrors(error) {
    const field = error instanceof ApiError && FIELD_OF_TYPE[error.type];
    if (field) {
        return errors.show({ errors: [{ field, message: error.message }] });
    }
    const listed = (error.problem?.errors || []).map(({ field: name, message }) => {
        const whole = ["variables", "allowedTools"].find((prefix) => name.startsWith(prefix));
        return whole && whole !== name ? { field: whole, message: `${name.slice(whole.length)}: ${message}` }
            : { field: name, message };
    });
    return errors.show({ errors: listed });
}

function toolsWords(tools) {
    if (tools === null || tools === undefined) {
        return "every tool";
    }
    return tools.length ? tools.join(", ") : "none";
}

function render(persona) {
    const item = itemTemplate.content.firstElementChild.cloneNode(true);
    item.dataset.id = persona.id;
    const heading = item.querySelector(".item-name");
    heading.id = `persona-${persona.id}`;
    heading.textContent = persona.name;
    item.setAttribute("aria-labelledby", heading.id);
    item.querySelector(".built-in").hidden = !persona.builtIn;
    item.querySelector(".model").textContent = persona.model || "your default";
    item.querySelector(".temperature").textContent = persona.temperature ?? "the provider's";
    item.querySelector(".tools").textContent = toolsWords(persona.allowedTools);
    item.querySelector(".prompt-excerpt").textContent = persona.systemPrompt || "(no system prompt)";
    const edit = item.querySelector("[data-action=edit]");
    edit.textContent = persona.builtIn || !canWrite ? "View" : "Edit";
    item.querySelector("[data-action=delete]").hidden = persona.builtIn || !canWrite;
    for (const button of item.querySelectorAll("button[data-action]")) {
        button.setAttribute("aria-label", `${button.textContent}: ${persona.name}`);
    }
    return item;
}

function showAll() {
    // the API's order: the built-in persona first, then the user's by name
    list.replaceChildren(...[...personas.values()].map(render));
}

async function load() {
    try {
        const [me, mine] = await Promise.all([api("GET", "/api/me"), api("GET", "/api/personas")]);
        canWrite = me.user.role !== "readonly" && me.credential !== "api_key";
        createButton.hidden = !canWrite;
        personas.clear();
        mine.forEach((persona) => personas.set(persona.id, persona));
        showAll();
        showPageError(null);
    } catch (error) {
        showPageError(error);
    } finally {
        loading.hidden = true;
    }
}

function addVariable(name = "", value = "") {
    const row = variableTemplate.content.firstElementChild.cloneNode(true);
    row.querySelector(".variable-name").value = name;
    row.querySelector(".variable-value").value = value;
    variableRows.append(row);
    return row;
}

function variables() {
    const result = {};
    for (const row of variableRows.children) {
        const name = row.querySelector(".variable-name").value.trim();
        if (name) {
            result[name] = row.querySelector(".variable-value").value;
        }
    }
    return result;
}

function showToolNames() {
    const some = form.elements.toolsMode.value === "some";
    for (const element of form.querySelectorAll(".tools-names")) {
        element.hidden = !some;
    }
}

/** The persona as the API takes it. */
function draft() {
    const temperature = form.elements.temperature.value.trim();
    const tools = form.elements.allowedTools.value.split(",").map((name) => name.trim()).filter(Boolean);
    return {
        name: form.elements.name.value.trim(),
        systemPrompt: form.elements.systemPrompt.value,
        model: form.elements.model.value.trim() || null,
        temperature: temperature === "" ? null : Number(temperature),
        allowedTools: form.elements.toolsMode.value === "some" ? tools : null,
        variables: variables(),
    };
}

function schedulePreview() {
    clearTimeout(previewTimer);
    previewTimer = setTimeout(refreshPreview, PREVIEW_DELAY_MS);
}

async function refreshPreview() {
    if (!canWrite) {
        // the preview is a WRITE call: a read-only account sees the template as it is
        previewStatus.textContent = "The template, as written:";
        previewText.textContent = form.elements.systemPrompt.value;
        return;
    }
    previewRequest?.abort();
    const request = new AbortController();
    previewRequest = request;
    preview.setAttribute("aria-busy", "true");
    const { systemPrompt, variables: values } = draft();
    try {
        const { text } = await api("POST", "/api/personas/preview", { systemPrompt, variables: values },
            { signal: request.signal });
        errors.clear("systemPrompt");
        errors.clear("variables");
        previewStatus.textContent = "The prompt as a chat on the web would get it now:";
        previewText.textContent = text;
    } catch (error) {
        if (error.name === "AbortError") {
            return;
        }
        errors.clear("systemPrompt");
        errors.clear("variables");
        previewText.textContent = "";
        previewStatus.textContent = "No preview while the template has a mistake.";
        if (!placeErrors(error)) {
            previewStatus.textContent = error.message;
        }
    } finally {
        if (previewRequest === request) {
            preview.removeAttribute("aria-busy");
        }
    }
}

function openForm(persona) {
    editing = persona;
    form.reset();
    errors.clear();
    variableRows.replaceChildren();
    const readOnly = !canWrite || Boolean(persona?.builtIn);
    title.textContent = persona ? (readOnly ? persona.name : `Edit ${persona.name}`) : "New persona";
    form.querySelector(".read-only-note").hidden = !persona?.builtIn;
    if (persona) {
        form.elements.name.value = persona.name;
        form.elements.systemPrompt.value = persona.systemPrompt;
        form.elements.model.value = persona.model || "";
        form.elements.temperature.value = persona.temperature ?? "";
        form.elements.toolsMode.value = persona.allowedTools ? "some" : "all";
        form.elements.allowedTools.value = (persona.allowedTools || []).join(", ");
        for (const [name, value] of Object.entries(persona.variables || {})) {
            addVariable(name, value);
        }
    }
    for (const element of form.querySelectorAll("input, textarea, select")) {
        element.readOnly = readOnly;
        element.disabled = readOnly && element.tagName === "SELECT";
    }
    for (const button of form.querySelectorAll("button[type=submit], [data-action=add-variable], "
        + "[data-action=remove-variable]")) {
        button.hidden = readOnly;
    }
    showToolNames();
    previewText.textContent = "";
    dialog.showModal();
    form.elements.name.focus();
    refreshPreview();
}

async function save(event) {
    event.preventDefault();
    if (!canWrite || editing?.builtIn) {
        return;
    }
    errors.clear();
    const submit = form.querySelector("button[type=submit]");
    submit.disabled = true;
    try {
        const body = draft();
        const saved = editing
            ? await api("PUT", `/api/personas/${encodeURIComponent(editing.id)}`, body)
            : await api("POST", "/api/personas", body);
        personas.set(saved.id, saved);
        dialog.close();
        await load();
        list.querySelector(`li[data-id="${CSS.escape(saved.id)}"] [data-action=edit]`)?.focus();
    } catch (error) {
        if (!placeErrors(error)) {
            errors.setFormError(error.message);
        }
        form.querySelector("[aria-invalid=true]")?.focus();
    } finally {
        submit.disabled = false;
    }
}

async function remove(persona, button) {
    showPageError(null);
    button.disabled = true;
    try {
        if (await confirmed(deleteDialog, `“${persona.name}” will be gone.`)) {
            await api("DELETE", `/api/personas/${encodeURIComponent(persona.id)}`);
            personas.delete(persona.id);
            showAll();
            createButton.focus();
        }
    } catch (error) {
        showPageError(error);
    } finally {
        button.disabled = false;
    }
}

list.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-action]");
    const persona = personas.get(button?.closest("li[data-id]")?.dataset.id);
    if (!persona) {
        return;
    }
    if (button.dataset.action === "edit") {
        openForm(persona);
    } else if (button.dataset.action === "delete") {
        remove(persona, button);
    }
});

createButton.addEventListener("click", () => openForm(null));
form.addEventListener("submit", save);
form.addEventListener("input", (event) => {
    if (event.target.closest("#p-prompt, .variable-rows")) {
        schedulePreview();
    }
});
form.elements.toolsMode.addEventListener("change", showToolNames);
form.addEventListener("click", (event) => {
    const action = event.target.closest("button[data-action]")?.dataset.action;
    if (action === "close-form") {
        dialog.close();
    } else if (action === "add-variable") {
        addVariable().querySelector(".variable-name").focus();
    } else if (action === "remove-variable") {
        event.target.closest(".pair-row").remove();
        schedulePreview();
    }
});

load();
