// The usage page: the signed-in user's tokens and estimated cost per day (GET /api/usage) as two charts, the same
// numbers as tables, the budgets with how much of them is used, and for admins everyone's totals. Days are UTC
// days, as the API counts them. Everything is inserted as text.
import { api, showPageError } from "/app/app.js";
import { drawChart } from "/app/usage-chart.js";
import { loadEveryone } from "/app/usage-everyone.js";
import { integer, usd } from "/app/usage-format.js";

const main = document.querySelector("main.usage");
const admin = main.dataset.admin === "true";
const period = document.getElementById("period");
const tokensChart = document.getElementById("tokens-chart");
const costChart = document.getElementById("cost-chart");
const DAY_MS = 86_400_000;
const MODEL_COLOURS = 6;
const compact = new Intl.NumberFormat(undefined, { notation: "compact", maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat(undefined, { style: "percent", maximumFractionDigits: 0 });
const longDay = new Intl.DateTimeFormat(undefined, {
    weekday: "short", day: "numeric", month: "short", year: "numeric", timeZone: "UTC",
});
const TOKEN_SERIES = [
    { name: "Input", cls: "s-input" }, { name: "Output", cls: "s-output" }, { name: "Cache", cls: "s-cache" },
];

let shown = null;
let latest = 0;
let drawnWidth = 0;

function utcDay(date) {
    return date.toISOString().slice(0, 10);
}

/** The last {@code count} UTC days, today included. */
function range(count) {
    const today = Date.parse(utcDay(new Date()));
    return { from: utcDay(new Date(today - (count - 1) * DAY_MS)), to: utcDay(new Date(today)) };
}

function cell(tag, text, value) {
    const element = document.createElement(tag);
    element.textContent = text;
    if (value !== undefined) {
        element.className = "num";
        element.dataset.value = String(value);
    }
    return element;
}

/** A row of counts: calls, input, output, then the cache columns given, then the cost. */
function countCells(totals, cache) {
    return [
        cell("td", integer.format(totals.requests), totals.requests),
        cell("td", integer.format(totals.inputTokens), totals.inputTokens),
        cell("td", integer.format(totals.outputTokens), totals.outputTokens),
        ...cache.map(value => cell("td", integer.format(value), value)),
        cell("td", usd.format(totals.costUsd), totals.costUsd),
    ];
}

function showBudget(kind, limit, used) {
    const box = main.querySelector(`[data-budget=${kind}]`);
    const meter = box.querySelector("meter");
    const words = box.querySelector(".budget-words");
    meter.hidden = limit === 0;
    if (limit === 0) {
        words.textContent = `${integer.format(used)} tokens used; no limit`;
        return;
    }
    meter.max = limit;
    meter.high = limit * 0.9;
    meter.low = limit * 0.75;
    meter.optimum = 0;
    meter.value = Math.min(used, limit);
    const spent = used >= limit ? ": spent" : "";
    words.textContent = `${integer.format(used)} of ${integer.format(limit)} tokens (${percent.format(used / limit)})`
        + spent;
}

function showTotals(totals) {
    const values = { ...totals, cacheTokens: totals.cacheReadTokens + totals.cacheWriteTokens };
    for (const dd of main.querySelectorAll("[data-total]")) {
        const value = values[dd.dataset.total];
        dd.dataset.value = String(value);
        dd.textContent = dd.dataset.total === "costUsd" ? usd.format(value) : integer.format(value);
    }
}

/** Every day of the report's range, with or without use, each with its rows of the API. */
function everyDay(report) {
    const rows = Map.groupBy(report.days, row => row.day);
    const days = [];
    for (let at = Date.parse(report.from); at <= Date.parse(report.to); at += DAY_MS) {
        const day = new Date(at);
        days.push({ day, rows: rows.get(utcDay(day)) || [] });
    }
    return days;
}

function sum(rows, pick) {
    return rows.reduce((total, row) => total + pick(row), 0);
}

function legend(chart, series) {
    chart.parentElement.querySelector(".legend").replaceChildren(...series.map(one => {
        const item = document.createElement("li");
        const swatch = document.createElement("span");
        swatch.className = `swatch ${one.cls}`;
        item.append(swatch, document.createTextNode(one.name));
        return item;
    }));
}

function drawTokens(days) {
    const tokenDays = days.map(({ day, rows }) => ({
        day, values: [sum(rows, row => row.inputTokens), sum(rows, row => row.outputTokens),
            sum(rows, row => row.cacheReadTokens + row.cacheWriteTokens)],
    }));
    legend(tokensChart, TOKEN_SERIES);
    drawChart(tokensChart, {
        label: "Tokens per day", series: TOKEN_SERIES, days: tokenDays, tick: value => compact.format(value),
        lines: ({ day, values }) => [longDay.format(day),
            ...TOKEN_SERIES.map((one, at) => `${one.name}: ${integer.format(values[at])}`),
            `Total: ${integer.format(values[0] + values[1] + values[2])} tokens`],
        describe: ({ day, values }) => `${longDay.format(day)}: ${integer.format(values[0])} input, `
            + `${integer.format(values[1])} output and ${integer.format(values[2])} cache tokens`,
    });
}

function drawCost(days, models) {
    const series = models.map((model, at) => ({ name: model, cls: `s-m${at % MODEL_COLOURS}` }));
    const costDays = days.map(({ day, rows }) => ({
        day, values: models.map(model => sum(rows.filter(row => row.model === model), row => row.costUsd)),
    }));
    const total = values => usd.format(values.reduce((all, value) => all + value, 0));
    legend(costChart, series);
    drawChart(costChart, {
        label: "Estimated cost per day, by model", series, days: costDays,
        tick: value => usd.format(value),
        lines: ({ day, values }) => [longDay.format(day),
            ...models.flatMap((model, at) => values[at] > 0 ? [`${model}: ${usd.format(values[at])}`] : []),
            `Total: ${total(values)}`],
        describe: ({ day, values }) => `${longDay.format(day)}: ${total(values)}`
            + models.flatMap((model, at) => values[at] > 0 ? [`, ${model} ${usd.format(values[at])}`] : []).join(""),
    });
}

function showTables(report, models) {
    main.querySelector(".days-table tbody").replaceChildren(...report.days.map(row => {
        const line = document.createElement("tr");
        line.append(cell("td", longDay.format(new Date(Date.parse(row.day)))), cell("td", row.model),
            ...countCells(row, [row.cacheReadTokens, row.cacheWriteTokens]));
        return line;
    }));
    const total = document.createElement("tr");
    const label = cell("th", "Total");
    label.scope = "row";
    label.colSpan = 2;
    total.append(label, ...countCells(report.totals, [report.totals.cacheReadTokens,
        report.totals.cacheWriteTokens]));
    main.querySelector(".days-table tfoot").replaceChildren(total);

    main.querySelector(".models-table tbody").replaceChildren(...models.map(model => {
        const rows = report.days.filter(row => row.model === model);
        const totals = {
            requests: sum(rows, row => row.requests), inputTokens: sum(rows, row => row.inputTokens),
            outputTokens: sum(rows, row => row.outputTokens), costUsd: sum(rows, row => row.costUsd),
        };
        const line = document.createElement("tr");
        const name = cell("th", model);
        name.scope = "row";
        line.dataset.model = model;
        line.append(name, ...countCells(totals, [sum(rows, row => row.cacheReadTokens + row.cacheWriteTokens)]));
        return line;
    }));
}

function draw() {
    drawnWidth = Math.round(tokensChart.clientWidth);
    const days = everyDay(shown);
    const cost = Map.groupBy(shown.days, row => row.model);
    const models = [...cost.keys()].sort((a, b) => sum(cost.get(b), row => row.costUsd)
        - sum(cost.get(a), row => row.costUsd) || a.localeCompare(b));
    drawTokens(days);
    drawCost(days, models);
    return models;
}

function show(report) {
    shown = report;
    showBudget("daily", report.budget.dailyTokens, report.budget.usedToday);
    showBudget("monthly", report.budget.monthlyTokens, report.budget.usedThisMonth);
    showTotals(report.totals);
    const empty = report.days.length === 0;
    main.querySelector(".empty").hidden = !empty;
    main.querySelector(".charts").hidden = empty;
    if (!empty) {
        showTables(report, draw());
    }
}

async function load() {
    const ticket = ++latest;
    const { from, to } = range(Number(period.value));
    const query = `?from=${from}&to=${to}`;
    if (admin) {
        loadEveryone(query);
    }
    main.setAttribute("aria-busy", "true");
    try {
        const report = await api("GET", "/api/usage" + query);
        if (ticket === latest) {
            show(report);
            showPageError(null);
        }
    } catch (error) {
        showPageError(error);
    } finally {
        if (ticket === latest) {
            main.querySelector(".loading").hidden = true;
            main.removeAttribute("aria-busy");
        }
    }
}

// the charts' viewBox follows their width, so that labels keep their size on a phone and on a wide screen
new ResizeObserver(() => {
    const width = Math.round(tokensChart.clientWidth);
    if (shown && shown.days.length > 0 && Math.abs(width - drawnWidth) > 8) {
        drawnWidth = width;
        draw();
    }
}).observe(tokensChart);

period.addEventListener("change", load);
load();
