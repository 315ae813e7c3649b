// What every dashboard page shares: calls to StarkBot's API with the session cookie and its CSRF header, signing
// out, htmx's requests carrying the same header, and the service worker that keeps the shell for offline use.

/** The CSRF token Spring Security left in the XSRF-TOKEN cookie; sent back in a header on every change. */
export function csrfToken() {
    const match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
}

/** A problem document's words, for showing to a person. */
export class ApiError extends Error {
    constructor(status, problem) {
        super(problem?.detail || problem?.title || `StarkBot answered ${status}`);
        this.status = status;
        this.problem = problem;
    }

    /** The slug of the problem's type, such as "invalid-setting"; empty without a problem document. */
    get type() {
        return String(this.problem?.type || "").split("/").pop();
    }
}

/** Calls the REST API as the signed-in user; answers the parsed JSON (or null), throws an ApiError. */
export async function api(method, path, body, options = {}) {
    const headers = { "Accept": "application/json", ...options.headers };
    if (method !== "GET") {
        headers["X-XSRF-TOKEN"] = csrfToken();
    }
    if (body !== undefined) {
        headers["Content-Type"] = "application/json";
    }
    const response = await fetch(path, {
        method, headers, credentials: "same-origin", signal: options.signal,
        body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (options.raw) {
        if (!response.ok) {
            throw new ApiError(response.status, await problem(response));
        }
        return response;
    }
    if (response.status === 401 && !options.anonymous) {
        location.assign("/login?next=" + encodeURIComponent(location.pathname));
        throw new ApiError(401, null);
    }
    if (!response.ok) {
        throw new ApiError(response.status, await problem(response));
    }
    return response.status === 204 ? null : response.json();
}

async function problem(response) {
    try {
        return await response.json();
    } catch {
        return null;
    }
}

/** Shows an error in a page's alert region (role=alert), or hides it. */
export function showError(form, error) {
    const region = form.querySelector(".error");
    region.textContent = error ? error.message : "";
    region.hidden = !error;
}

/** Shows an error in the page's own alert region (".page-error", role=alert), or hides it. */
export function showPageError(error) {
    const region = document.querySelector(".page-error");
    region.textContent = error ? error.message : "";
    region.hidden = !error;
}

/** Only a path of this site: never a scheme, a host or a protocol-relative address from the query string. */
export function safeNext(value, fallback = "/chat") {
    return value && /^\/(?![/\\])[^\s]*$/.test(value) ? value : fallback;
}

document.addEventListener("click", async (event) => {
    const target = event.target.closest("[data-action=sign-out]");
    if (!target) {
        return;
    }
    try {
        await api("POST", "/api/auth/logout", undefined, { anonymous: true });
    } catch {
        // the session may have ended already: the sign-in page is where this leads either way
    }
    location.assign("/login");
});

// htmx's own requests change things too: they carry the CSRF header like every other call
document.addEventListener("htmx:configRequest", (event) => {
    event.detail.headers["X-XSRF-TOKEN"] = csrfToken();
});

if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/sw.js").catch(() => {
        // the dashboard works without it; only the offline page is lost
    });
}

// on a phone the links scroll sideways: the current page's link is brought into view
document.querySelector(".topbar nav a.current")?.scrollIntoView({ block: "nearest", inline: "nearest" });
