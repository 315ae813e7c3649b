// Schedules in words: fire times in a zone, durations, triggers and tasks as a person reads them. Pure functions, no
// DOM, so that the list and the form say things the same way.

/** The viewer's own time zone, as the browser knows it. */
export const viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";

/** Every IANA zone the browser knows, with UTC, which some browsers leave out of the list. */
export function allZones() {
    const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
    return zones.includes("UTC") ? zones : ["UTC", ...zones];
}

/**
 * An instant as a wall-clock time of a zone, with the zone's short name ("Fri 27 Nov 2026, 07:30 GMT"). Seconds are
 * shown only when there are some (six-field cron expressions). A zone the browser does not know falls back to UTC.
 */
export function timeIn(instant, zone) {
    const date = new Date(instant);
    const options = {
        weekday: "short", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit",
        timeZoneName: "short",
    };
    if (date.getUTCSeconds() !== 0) {
        options.second = "2-digit";
    }
    try {
        return new Intl.DateTimeFormat(undefined, { ...options, timeZone: zone }).format(date);
    } catch {
        return new Intl.DateTimeFormat(undefined, { ...options, timeZone: "UTC" }).format(date);
    }
}

/** Whether two zones show the same wall-clock time at this instant (then one of them is enough). */
export function sameClock(instant, zone, otherZone) {
    if (zone === otherZone) {
        return true;
    }
    try {
        return timeIn(instant, zone) === timeIn(instant, otherZone);
    } catch {
        return false;
    }
}

const UNITS = [["d", 86400, "day"], ["h", 3600, "hour"], ["m", 60, "minute"], ["s", 1, "second"]];

/** Seconds of an ISO-8601 duration as Java writes them (PT15M, PT36H, PT1M30S, P2D), or NaN. */
export function seconds(iso) {
    const match = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(iso || "");
    if (!match) {
        return NaN;
    }
    const [, d = 0, h = 0, m = 0, s = 0] = match;
    return Number(d) * 86400 + Number(h) * 3600 + Number(m) * 60 + Number(s);
}

/** An ISO-8601 duration in the short form the form accepts ("PT15M" → "15m"), or as it came. */
export function shortDuration(iso) {
    const total = seconds(iso);
    if (!Number.isInteger(total) || total <= 0) {
        return iso || "";
    }
    const [unit, size] = UNITS.find(([, size]) => total % size === 0);
    return `${total / size}${unit}`;
}

/** "every 15 minutes", "every 1 day and 2 hours". */
export function durationWords(iso) {
    let rest = seconds(iso);
    if (!Number.isFinite(rest) || rest <= 0) {
        return `every ${iso}`;
    }
    const parts = [];
    for (const [, size, name] of UNITS) {
        const count = Math.floor(rest / size);
        rest -= count * size;
        if (count > 0) {
            parts.push(count === 1 ? `${count} ${name}` : `${count} ${name}s`);
        }
    }
    return "every " + (parts.length === 1 && parts[0].startsWith("1 ") ? parts[0].slice(2) : parts.join(" and "));
}

/** A wall-clock time of the API ("2026-12-24T18:00:00") as a person writes it ("24 Dec 2026, 18:00"). */
export function wallClock(local) {
    const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(local || "");
    if (!match) {
        return local || "";
    }
    const [, y, mo, d, h, mi, s] = match;
    const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
    const day = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", year: "numeric",
        timeZone: "UTC" }).format(date);
    return `${day}, ${h}:${mi}${s && s !== "00" ? ":" + s : ""}`;
}

const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const DAY_NAMES = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
const MACROS = {
    "@hourly": "every hour, on the hour", "@daily": "every day at 00:00", "@midnight": "every day at 00:00",
    "@weekly": "every Sunday at 00:00", "@monthly": "on the 1st of every month at 00:00",
    "@yearly": "every 1 January at 00:00", "@annually": "every 1 January at 00:00",
};

function dayIndex(value) {
    const upper = value.toUpperCase();
    return /^\d$/.test(upper) ? Number(upper) : DAY_NAMES.indexOf(upper);
}

/** A day-of-week field in words when it is one day, a list of days or one range; otherwise null. */
function daysWords(field) {
    const range = /^(\w{1,3})-(\w{1,3})$/.exec(field);
    if (range && dayIndex(range[1]) >= 0 && dayIndex(range[2]) >= 0) {
        return `${DAYS[dayIndex(range[1])]} to ${DAYS[dayIndex(range[2])]}`;
    }
    const days = field.split(",").map(dayIndex);
    return days.every((day) => day >= 0) ? days.map((day) => DAYS[day]).join(", ") : null;
}

const two = (value) => value.padStart(2, "0");

/**
 * The common shapes of cron expressions in words ("at 07:30, Monday to Friday", "every 15 minutes"); null for the
 * others, which are then shown as written. Only the shapes read here are described: a guess would mislead.
 */
export function cronWords(expression) {
    const text = (expression || "").trim();
    if (MACROS[text.toLowerCase()]) {
        return MACROS[text.toLowerCase()];
    }
    let fields = text.split(/\s+/);
    if (fields.length === 6 && fields[0] === "0") {
        fields = fields.slice(1);
    }
    if (fields.length !== 5) {
        return null;
    }
    const [minute, hour, dom, month, dow] = fields;
    const number = /^\d{1,2}$/;
    let time;
    if (number.test(minute) && number.test(hour)) {
        time = `at ${two(hour)}:${two(minute)}`;
    } else if (number.test(minute) && hour === "*") {
        time = minute === "0" ? "every hour, on the hour" : `every hour at ${two(minute)} past`;
    } else if (/^\*\/\d+$/.test(minute) && hour === "*") {
        const step = Number(minute.slice(2));
        time = step === 1 ? "every minute" : `every ${step} minutes`;
    } else if (minute === "*" && hour === "*") {
        time = "every minute";
    } else {
        return null;
    }
    const anyDay = (value) => value === "*" || value === "?";
    if (month !== "*") {
        return null;
    }
    if (anyDay(dom) && anyDay(dow)) {
        return time.startsWith("at ") ? `every day ${time}` : time;
    }
    if (anyDay(dom)) {
        const days = daysWords(dow);
        if (days && !days.includes(" ") && time.startsWith("at ")) {
            return `every ${days} ${time}`;
        }
        return days ? `${time}, ${days}` : null;
    }
    if (anyDay(dow) && number.test(dom)) {
        return `${time} on day ${Number(dom)} of every month`;
    }
    if (anyDay(dow) && dom.toUpperCase() === "L") {
        return `${time} on the last day of every month`;
    }
    return null;
}

/** A trigger as a person reads it; the expression itself is shown beside it by the caller. */
export function triggerWords(trigger) {
    switch (trigger.type) {
        case "cron":
            return cronWords(trigger.expression);
        case "interval":
            return trigger.startAt
                ? `${durationWords(trigger.every)}, from ${wallClock(trigger.startAt)}`
                : durationWords(trigger.every);
        case "once":
            return `once, on ${wallClock(trigger.at)}`;
        default:
            return null;
    }
}

/** What a task does, in a line; conversationTitle answers a conversation's title from its id (or null). */
export function taskWords(task, conversationTitle) {
    const params = task.params || {};
    const where = (id) => (id ? `in “${conversationTitle(id) || "a conversation"}”` : "in a new conversation");
    switch (task.type) {
        case "ai-prompt":
            return `Asks the AI ${where(params.conversationId)}: ${params.prompt || ""}`;
        case "message":
            return `Posts a reminder ${where(params.conversationId)}: ${params.text || ""}`;
        case "http":
            return `Calls ${params.method || "GET"} ${params.url || ""}`;
        default:
            return `Runs a task of type ${task.type}`;
    }
}
