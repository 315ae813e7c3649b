import { api, showError } from "/app/app.js";

const form = document.getElementById("setup");
const done = document.querySelector(".done");

api("GET", "/api/setup", undefined, { anonymous: true }).then((state) => {
    if (state && state.required === false) {
        form.hidden = true;
        done.hidden = false;
    }
}).catch(() => {
    // the form still works; the API says so if setup is already done
});

form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    showError(form, null);
    const username = form.username.value.trim();
    try {
        await api("POST", "/api/setup", {
            setupCode: form.setupCode.value.trim(), username,
            displayName: form.displayName.value.trim() || null, password: form.password.value,
        }, { anonymous: true });
        await api("POST", "/api/auth/login", { username, password: form.password.value, cookie: true },
            { anonymous: true });
        location.assign("/chat");
    } catch (error) {
        showError(form, error);
    } finally {
        button.disabled = false;
    }
});
