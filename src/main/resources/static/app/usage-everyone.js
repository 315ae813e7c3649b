// For admins on the usage page: everyone's totals in the chosen period (GET /api/admin/usage), one row per account
// named from GET /api/admin/users, sortable by any column; the header's buttons say the order through aria-sort.
import { api } from "/app/app.js";
import { integer, usd } from "/app/usage-format.js";

const table = document.querySelector(".everyone-table");
const error = document.querySelector(".everyone-error");
let names = null;
let rows = [];
let order = { key: "costUsd", descending: true };
let latest = 0;

/** Reads everyone's totals for the query (?from=...&to=...) and shows them in the current order. */
export async function loadEveryone(query) {
    const ticket = ++latest;
    try {
        const [totals, users] = await Promise.all([api("GET", "/api/admin/usage" + query),
            names ?? api("GET", "/api/admin/users?limit=500")]);
        if (ticket !== latest) {
            return;
        }
        names = users;
        const byId = new Map(users.map(user => [user.id, user]));
        rows = Object.entries(totals).map(([id, total]) => ({
            id, user: byId.get(id)?.username ?? id, ...total,
            cacheTokens: total.cacheReadTokens + total.cacheWriteTokens,
        }));
        render();
        error.hidden = true;
    } catch (problem) {
        error.textContent = problem.message;
        error.hidden = false;
    }
}

function render() {
    const { key, descending } = order;
    const sorted = rows.toSorted((a, b) => {
        const by = key === "user" ? a.user.localeCompare(b.user) : a[key] - b[key];
        return (descending ? -by : by) || a.user.localeCompare(b.user);
    });
    table.tBodies[0].replaceChildren(...sorted.map(row => {
        const line = document.createElement("tr");
        line.dataset.user = row.id;
        const name = document.createElement("th");
        name.scope = "row";
        name.textContent = row.user;
        line.append(name, ...["requests", "inputTokens", "outputTokens", "cacheTokens", "costUsd"].map(column => {
            const value = document.createElement("td");
            value.className = "num";
            value.dataset.value = String(row[column]);
            value.textContent = column === "costUsd" ? usd.format(row[column]) : integer.format(row[column]);
            return value;
        }));
        return line;
    }));
    document.querySelector(".everyone-empty").hidden = rows.length > 0;
    for (const header of table.tHead.rows[0].cells) {
        if (header.dataset.key === key) {
            header.setAttribute("aria-sort", descending ? "descending" : "ascending");
        } else {
            header.removeAttribute("aria-sort");
        }
    }
}

table?.tHead.addEventListener("click", (event) => {
    const header = event.target.closest("th[data-key]");
    if (!header) {
        return;
    }
    const key = header.dataset.key;
    // a new column starts with the largest numbers first, names from A
    order = { key, descending: key === order.key ? !order.descending : key !== "user" };
    render();
});
