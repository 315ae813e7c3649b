// The chat page's list of conversations, newest first, and the search over all of the person's messages.
import { api, showError } from "/app/app.js";
import { element, snippet } from "/app/chat-render.js";

const PAGE = 50;

export class ConversationList {
    /** `open(id, seq)` is called when the person picks a conversation (and, from a search hit, a message). */
    constructor(root, open) {
        this.root = root;
        this.open = open;
        this.list = root.querySelector("#conversation-list");
        this.more = root.querySelector("#more-conversations");
        this.results = root.querySelector("#search-results");
        this.search = root.querySelector("#search");
        this.current = null;
        this.offset = 0;
        this.hasMore = false;
        this.list.addEventListener("click", (event) => this.follow(event));
        this.results.addEventListener("click", (event) => this.follow(event));
        this.more.addEventListener("click", () => this.load(false));
        this.search.addEventListener("submit", (event) => {
            event.preventDefault();
            this.find(this.search.q.value.trim());
        });
        let pause;
        this.search.q.addEventListener("input", () => {
            clearTimeout(pause);
            pause = setTimeout(() => this.find(this.search.q.value.trim()), 350);
        });
        this.search.q.addEventListener("keydown", (event) => {
            if (event.key === "Escape") {
                this.search.q.value = "";
                this.find("");
            }
        });
        root.querySelector("#clear-search").addEventListener("click", () => {
            this.search.q.value = "";
            this.find("");
            this.search.q.focus();
        });
    }

    async load(reset = true) {
        if (reset) {
            this.offset = 0;
        }
        try {
            const page = await api("GET", `/api/conversations?limit=${PAGE}&offset=${this.offset}`);
            const items = page.map((conversation) => this.item(conversation));
            if (reset) {
                this.list.replaceChildren(...items);
            } else {
                this.list.append(...items);
            }
            this.offset += page.length;
            this.hasMore = page.length === PAGE;
            this.more.hidden = !this.hasMore;
            if (this.list.childElementCount === 0) {
                this.list.append(element("li", "hint none", "No conversations yet."));
            }
            showError(this.root, null);
        } catch (error) {
            showError(this.root, error);
        }
    }

    item(conversation) {
        const item = element("li");
        item.dataset.id = conversation.id;
        const link = element("a", "conversation-link");
        link.href = `/chat/${encodeURIComponent(conversation.id)}`;
        link.dataset.id = conversation.id;
        link.append(element("span", "title", conversation.title || "New conversation"),
            element("span", "when", relative(conversation.updatedAt)));
        if (conversation.id === this.current) {
            link.setAttribute("aria-current", "page");
        }
        item.append(link);
        return item;
    }

    /** Puts a new or changed conversation first, as the most recently active. */
    upsert(conversation) {
        this.list.querySelector(`li[data-id="${CSS.escape(conversation.id)}"]`)?.remove();
        this.list.querySelector(".none")?.remove();
        this.list.prepend(this.item(conversation));
    }

    remove(id) {
        this.list.querySelector(`li[data-id="${CSS.escape(id)}"]`)?.remove();
    }

    setCurrent(id) {
        this.current = id;
        for (const link of this.list.querySelectorAll(".conversation-link")) {
            if (link.dataset.id === id) {
                link.setAttribute("aria-current", "page");
            } else {
                link.removeAttribute("aria-current");
            }
        }
    }

    follow(event) {
        const link = event.target.closest("a[data-id]");
        if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
            return;
        }
        event.preventDefault();
        this.open(link.dataset.id, link.dataset.seq === undefined ? null : Number(link.dataset.seq));
    }

    async find(query) {
        const summary = this.results.querySelector("#search-summary");
        if (!query) {
            this.results.hidden = true;
            this.list.hidden = false;
            this.more.hidden = !this.hasMore;
            return;
        }
        try {
            const hits = await api("GET", `/api/conversations/search?q=${encodeURIComponent(query)}&limit=30`);
            const items = hits.map((hit) => {
                const link = element("a", "conversation-link");
                link.href = `/chat/${encodeURIComponent(hit.conversationId)}`;
                link.dataset.id = hit.conversationId;
                link.dataset.seq = hit.seq;
                link.append(element("span", "title", hit.title || "New conversation"), snippet(hit.snippet));
                const item = element("li");
                item.append(link);
                return item;
            });
            this.results.querySelector("ul").replaceChildren(...items);
            summary.textContent = hits.length === 0 ? `Nothing found for “${query}”.`
                : `${hits.length} message${hits.length === 1 ? "" : "s"} found for “${query}”.`;
            this.results.hidden = false;
            this.list.hidden = true;
            this.more.hidden = true;
            showError(this.root, null);
        } catch (error) {
            showError(this.root, error);
        }
    }
}

function relative(millis) {
    const then = new Date(millis);
    const now = new Date();
    if (then.toDateString() === now.toDateString()) {
        return then.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
    }
    return then.toLocaleDateString([], { month: "short", day: "numeric", year: then.getFullYear() === now
        .getFullYear() ? undefined : "numeric" });
}
