// What the admin pages share: instants in the viewer's words, and the list of every account.
import { api } from "/app/app.js";

/** An instant in the viewer's own words, such as "27 Nov 2026, 07:30". */
export function when(instant) {
    return instant ? new Date(instant).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" }) : "";
}

/** Every account, oldest first: the API answers at most 500 at a time. */
export async function allUsers() {
    const users = [];
    for (let offset = 0; ; offset += 500) {
        const page = await api("GET", `/api/admin/users?limit=500&offset=${offset}`);
        users.push(...page);
        if (page.length < 500) {
            return users;
        }
    }
}
