// The open conversation's settings: persona, model, title, export and deletion. Before the first message of a new
// chat there is no conversation yet; the persona and model chosen then are used when it is created.
import { api } from "/app/app.js";
import { exportConversation } from "/app/chat-export.js";

/** Wires the settings panel to the page; `page` is what chat.js shares: its state and navigation. */
export function settings(page) {
    const { main, state, list } = page;
    const $ = (selector) => main.querySelector(selector);
    const status = $("#menu-status");
    const download = $("#download");

    async function change(body, saved) {
        if (!state.id) {
            return;
        }
        status.textContent = "Saving…";
        try {
            state.conversation = await api("PATCH", page.conversationPath(state.id), body);
            list.upsert(state.conversation);
            list.setCurrent(state.id);
            page.showHeader();
            status.textContent = saved;
        } catch (error) {
            status.textContent = error.message;
        }
    }

    $("#persona").addEventListener("change", (event) => change({ personaId: event.target.value },
        "Persona saved; it answers from the next message on."));
    $("#model").addEventListener("change", (event) => change({ model: event.target.value.trim() },
        event.target.value.trim() ? "Model saved." : "Model cleared: the defaults apply."));
    $("#rename").addEventListener("submit", (event) => {
        event.preventDefault();
        change({ title: event.target.title.value.trim() }, "Renamed.");
    });

    const confirm = $("#confirm-delete");
    $("#delete").addEventListener("click", () => confirm.showModal());
    confirm.addEventListener("close", async () => {
        if (confirm.returnValue !== "delete" || !state.id) {
            $("#delete").focus();
            return;
        }
        const id = state.id;
        try {
            await api("DELETE", page.conversationPath(id));
            list.remove(id);
            $("#conversation-menu").open = false;
            page.navigate(null);
        } catch (error) {
            status.textContent = error.message;
        }
    });

    for (const button of main.querySelectorAll("[data-export]")) {
        button.addEventListener("click", async () => {
            status.textContent = "Preparing the file…";
            try {
                const { name, blob } = await exportConversation(state.id, button.dataset.export);
                if (download.href) {
                    URL.revokeObjectURL(download.href);
                }
                download.href = URL.createObjectURL(blob);
                download.download = name;
                download.textContent = `Download ${name}`;
                download.hidden = false;
                status.textContent = "";
                download.click();
                download.focus();
            } catch (error) {
                status.textContent = error.message;
            }
        });
    }

    loadPersonas($("#persona"), $("#model-options"), state);
}

async function loadPersonas(select, models, state) {
    try {
        for (const persona of await api("GET", "/api/personas")) {
            select.append(new Option(persona.builtIn ? `${persona.name} (built in)` : persona.name, persona.id));
            if (persona.model && ![...models.options].some((option) => option.value === persona.model)) {
                models.append(new Option(`${persona.model} (${persona.name})`, persona.model));
            }
        }
        // the conversation may have been read before its persona's option existed
        select.value = state.conversation?.personaId ?? "";
    } catch {
        select.disabled = true;
    }
}
