import { api, showError, safeNext } from "/app/app.js";

const form = document.getElementById("login");
form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    showError(form, null);
    try {
        await api("POST", "/api/auth/login", {
            username: form.username.value.trim(), password: form.password.value, cookie: true,
        }, { anonymous: true });
        location.assign(safeNext(new URLSearchParams(location.search).get("next")));
    } catch (error) {
        showError(form, error);
        form.password.select();
    } finally {
        button.disabled = false;
    }
});
