// The settings page, drawn from the settings schema: the signed-in user's own settings, and for admins the global
// ones, each with the input its type needs, saved (PUT) and reset (DELETE) on its own. Secrets are write-only: the
// page never has their value, only whether one is set and its hint.
import { api } from "/app/app.js";
import { fieldErrors } from "/app/field-errors.js";
import { allZones } from "/app/schedule-words.js";

const loading = document.querySelector(".loading");
const pageError = document.querySelector(".page-error");
const itemTemplate = document.getElementById("setting-item");

const zones = document.getElementById("zones");
for (const zone of allZones()) {
    const option = document.createElement("option");
    option.value = zone;
    zones.append(option);
}

function showPageError(error) {
    pageError.textContent = error ? error.message : "";
    pageError.hidden = !error;
}

/** The input for a setting's type; a BOOLEAN is a checkbox, a SECRET a password field that starts empty. */
function control(definition, id) {
    let input;
    switch (definition.type) {
        case "BOOLEAN":
            input = document.createElement("input");
            input.type = "checkbox";
            break;
        case "CHOICE":
            input = document.createElement("select");
            for (const choice of definition.choices) {
                const option = document.createElement("option");
                option.value = choice;
                option.textContent = choice;
                input.append(option);
            }
            break;
        case "INTEGER":
            input = document.createElement("input");
            input.type = "number";
            input.inputMode = "numeric";
            input.step = "1";
            if (definition.min !== null) {
                input.min = definition.min;
            }
            if (definition.max !== null) {
                input.max = definition.max;
            }
            break;
        case "SECRET":
            input = document.createElement("input");
            input.type = "password";
            input.autocomplete = "new-password";
            input.maxLength = 1000;
            break;
        default:
            input = document.createElement("input");
            input.maxLength = 4000;
            if (definition.type === "TIME_ZONE") {
                input.setAttribute("list", "zones");
                input.placeholder = "Type to search, such as Paris";
            } else if (definition.type === "DURATION") {
                input.placeholder = "such as 30s, 5m or PT1H";
            }
    }
    input.id = id;
    input.name = "value";
    if (definition.type !== "BOOLEAN" && definition.type !== "CHOICE") {
        input.autocapitalize = "none";
        input.spellcheck = false;
        if (definition.type !== "SECRET") {
            input.autocomplete = "off";
        }
    }
    return input;
}

function stateWords(definition, setting) {
    if (definition.type === "SECRET") {
        return setting.set ? `Set, ending in ${setting.hint}. Type a new one to replace it.` : "Not set.";
    }
    if (setting.isDefault) {
        return definition.defaultValue === null ? "Not set." : "The default.";
    }
    return definition.defaultValue === null ? "Set." : `Changed; the default is ${definition.defaultValue}.`;
}

/** Shows a setting's current value in its card; a secret's field is emptied, never filled. */
function fill(item, definition, setting) {
    const input = item.querySelector("[name=value]");
    if (definition.type === "BOOLEAN") {
        input.checked = setting.value === "true";
    } else if (definition.type === "SECRET") {
        input.value = "";
        input.placeholder = setting.set ? "a new value replaces the stored one" : "";
    } else {
        input.value = setting.value ?? "";
    }
    item.querySelector(".state").textContent = stateWords(definition, setting);
    const reset = item.querySelector("[data-action=reset]");
    reset.disabled = definition.type === "SECRET" ? !setting.set : setting.isDefault;
}

function render(definition, setting, path, writable) {
    const item = itemTemplate.content.firstElementChild.cloneNode(true);
    const form = item.querySelector("form");
    const id = `setting-${path.split("/").pop()}-${definition.key.replace(/[^a-z0-9]/gi, "-")}`;
    item.dataset.key = definition.key;
    const label = item.querySelector(".setting-label");
    label.textContent = definition.description;
    label.htmlFor = id;
    item.querySelector(".key").textContent = definition.key;
    const input = control(definition, id);
    const slot = item.querySelector(".field-error");
    slot.id = `${id}-error`;
    input.setAttribute("aria-describedby", `${id}-state ${slot.id}`);
    item.querySelector(".state").id = `${id}-state`;
    if (definition.type === "BOOLEAN") {
        const wrapper = document.createElement("label");
        wrapper.className = "choice";
        wrapper.append(input, " On");
        label.htmlFor = "";
        label.id = `${id}-label`;
        input.setAttribute("aria-labelledby", label.id);
        item.querySelector(".control").append(wrapper);
    } else {
        item.querySelector(".control").append(input);
    }
    const reset = item.querySelector("[data-action=reset]");
    if (definition.type === "SECRET") {
        reset.textContent = "Clear";
    }
    for (const button of item.querySelectorAll("button")) {
        button.setAttribute("aria-label", `${button.textContent}: ${definition.description}`);
    }
    fill(item, definition, setting);
    if (!writable) {
        input.disabled = true;
        for (const button of item.querySelectorAll("button")) {
            button.hidden = true;
        }
        return item;
    }

    const errors = fieldErrors(form);
    const note = item.querySelector(".saved-note");
    const url = `${path}/${encodeURIComponent(definition.key)}`;

    async function send(method, body, done) {
        errors.clear();
        note.textContent = "";
        const resettable = !reset.disabled;
        for (const button of item.querySelectorAll("button")) {
            button.disabled = true;
        }
        try {
            const saved = await api(method, url, body);
            fill(item, definition, saved);
            note.textContent = done;
        } catch (error) {
            if (!errors.show(error.problem?.errors?.length ? error.problem
                : { errors: [{ field: "value", message: error.message }] })) {
                errors.setFormError(error.message);
            }
            reset.disabled = !resettable;
            input.focus();
        } finally {
            item.querySelector("button[type=submit]").disabled = false;
        }
    }

    form.addEventListener("submit", (event) => {
        event.preventDefault();
        const value = definition.type === "BOOLEAN" ? String(input.checked) : input.value;
        if (definition.type === "SECRET" && !value.trim()) {
            errors.show({ errors: [{ field: "value", message: "Type the new secret, or Clear to remove it." }] });
            input.focus();
            return;
        }
        send("PUT", { value }, "Saved.");
    });
    reset.addEventListener("click", () => {
        send("DELETE", undefined, definition.type === "SECRET" ? "Cleared." : "Back to the default.");
    });
    return item;
}

function show(sectionId, definitions, settings, path, writable) {
    const section = document.getElementById(sectionId);
    const values = new Map(settings.map((setting) => [setting.key, setting]));
    const items = definitions.filter((definition) => values.has(definition.key))
        .map((definition) => render(definition, values.get(definition.key), path, writable));
    section.querySelector(".setting-list").replaceChildren(...items);
    section.hidden = items.length === 0;
}

async function load() {
    try {
        const [me, schema, mine] = await Promise.all([api("GET", "/api/me"), api("GET", "/api/settings/schema"),
            api("GET", "/api/settings/user")]);
        const writable = me.user.role !== "readonly" && me.credential !== "api_key";
        document.querySelector("#user-settings .read-only-note").hidden = writable;
        show("user-settings", schema.filter((definition) => !definition.global), mine, "/api/settings/user",
            writable);
        if (me.user.role === "admin") {
            const global = await api("GET", "/api/settings/global");
            show("global-settings", schema.filter((definition) => definition.global), global,
                "/api/settings/global", true);
        }
        showPageError(null);
    } catch (error) {
        showPageError(error);
    } finally {
        loading.hidden = true;
    }
}

load();
