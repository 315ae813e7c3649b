// Files attached to the message being written: each uploads as soon as it is chosen, with its progress, and shows
// as a chip that removes it; the ids of those uploaded go with the message. Uploads use XMLHttpRequest, as fetch
// reports no upload progress.
import { ApiError, csrfToken } from "/app/app.js";
import { element } from "/app/chat-render.js";

export class Attachments {
    /**
     * @param conversationId resolves to the open conversation's id, starting one if none is open
     * @param changed called whenever files are added, uploaded or removed
     */
    constructor(input, list, conversationId, changed) {
        this.input = input;
        this.list = list;
        this.conversationId = conversationId;
        this.changed = changed;
        this.files = [];
        input.addEventListener("change", () => this.add([...input.files]));
    }

    count() {
        return this.files.length;
    }

    /** The ids of the files uploaded, once every upload still under way has ended; failed ones are left out. */
    async ids() {
        await Promise.allSettled(this.files.map((file) => file.upload));
        return this.files.filter((file) => file.id).map((file) => file.id);
    }

    clear() {
        this.files.forEach((file) => file.xhr?.abort());
        this.files = [];
        this.list.replaceChildren();
        this.list.hidden = true;
        this.changed();
    }

    async add(chosen) {
        this.input.value = "";
        if (!chosen.length) {
            return;
        }
        const entries = chosen.map((file) => this.chip(file));
        this.changed();
        // each upload is under way (for ids() to wait on) from now, even while a new chat is being created for it
        const conversation = this.conversationId();
        for (const entry of entries) {
            entry.upload = conversation.then(
                (id) => this.upload(`/api/conversations/${encodeURIComponent(id)}/files`, entry),
                (error) => this.failed(entry, error));
        }
        await Promise.allSettled(entries.map((entry) => entry.upload));
    }

    chip(file) {
        const item = element("li", "chip");
        const progress = element("progress");
        progress.max = 1;
        progress.value = 0;
        progress.setAttribute("aria-label", `Uploading ${file.name}`);
        const remove = element("button", "quiet", "×");
        remove.type = "button";
        remove.setAttribute("aria-label", `Remove ${file.name}`);
        item.append(element("span", "chip-name", file.name), progress, remove);
        const entry = { file, item, progress, id: null, xhr: null, upload: Promise.resolve() };
        remove.addEventListener("click", () => {
            entry.xhr?.abort();
            this.files = this.files.filter((other) => other !== entry);
            item.remove();
            this.list.hidden = !this.files.length;
            this.changed();
            this.input.focus();
        });
        this.files.push(entry);
        this.list.append(item);
        this.list.hidden = false;
        return entry;
    }

    upload(path, entry) {
        return new Promise((resolve) => {
            const xhr = new XMLHttpRequest();
            entry.xhr = xhr;
            xhr.open("POST", path);
            xhr.setRequestHeader("Accept", "application/json");
            xhr.setRequestHeader("X-XSRF-TOKEN", csrfToken());
            xhr.responseType = "json";
            xhr.upload.addEventListener("progress", (event) => {
                if (event.lengthComputable) {
                    entry.progress.value = event.loaded / event.total;
                }
            });
            xhr.addEventListener("load", () => {
                if (xhr.status === 201) {
                    entry.id = xhr.response.id;
                    entry.progress.remove();
                    entry.item.classList.add("uploaded");
                    entry.item.querySelector(".chip-name").textContent =
                        `${xhr.response.fileName} (${size(xhr.response.size)})`;
                } else {
                    this.failed(entry, new ApiError(xhr.status, xhr.response));
                }
                this.changed();
                resolve();
            });
            xhr.addEventListener("error", () => {
                this.failed(entry, new Error("the upload failed; check the connection"));
                resolve();
            });
            xhr.addEventListener("abort", () => resolve());
            const form = new FormData();
            form.append("file", entry.file);
            xhr.send(form);
        });
    }

    failed(entry, error) {
        entry.progress.remove();
        entry.item.classList.add("failed");
        entry.item.querySelector(".chip-name").textContent = `${entry.file.name}: not attached, ${error.message}`;
        this.changed();
    }
}

function size(bytes) {
    if (bytes < 1024) {
        return `${bytes} bytes`;
    }
    return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
