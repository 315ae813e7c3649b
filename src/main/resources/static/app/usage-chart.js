// A bar chart of one value per day, stacked by series, drawn as SVG with DOM calls only (no markup strings, no
// style attributes: colours come from the series' classes in usage.css, so both themes work). Each day is one
// focusable group with its numbers in aria-label; the arrow keys move between days (one tab stop per chart), and
// hovering or focusing a day shows the same numbers in a tip above the chart.
const SVG = "http://www.w3.org/2000/svg";
const HEIGHT = 220;
const TOP = 14;
const BOTTOM = 26;
const LEFT = 52;
const RIGHT = 8;
const dayLabel = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", timeZone: "UTC" });

function svg(name, attributes = {}, parent = null) {
    const element = document.createElementNS(SVG, name);
    for (const [key, value] of Object.entries(attributes)) {
        element.setAttribute(key, String(value));
    }
    parent?.append(element);
    return element;
}

/** The smallest of 1, 2 or 5 times a power of ten that is at least the value: a round top for the axis. */
function roundUp(value) {
    if (value <= 0) {
        return 1;
    }
    const power = 10 ** Math.floor(Math.log10(value));
    return [1, 2, 5, 10].map(step => step * power).find(step => step >= value);
}

/**
 * Draws the chart into the container, replacing what was there.
 *
 * @param container an element with a class "chart"; its width sets the viewBox, so labels keep their size
 * @param options   {label, series: [{name, cls}], days: [{day: Date, values: [number per series]}],
 *                  format(number) for the tip, tick(number) for the axis, describe(day) the words of one day}
 */
export function drawChart(container, options) {
    const { series, days } = options;
    const width = Math.max(280, Math.round(container.clientWidth || 600));
    const plotWidth = width - LEFT - RIGHT;
    const plotHeight = HEIGHT - TOP - BOTTOM;
    const totals = days.map(day => day.values.reduce((sum, value) => sum + value, 0));
    const top = roundUp(Math.max(0, ...totals));
    const y = value => TOP + plotHeight - (value / top) * plotHeight;

    const chart = svg("svg", { viewBox: `0 0 ${width} ${HEIGHT}`, role: "group", "aria-label": options.label,
        class: "bars" });
    const axis = svg("g", { class: "axis", "aria-hidden": "true" }, chart);
    for (const value of [0, top / 2, top]) {
        svg("line", { x1: LEFT, x2: width - RIGHT, y1: y(value), y2: y(value), class: "grid" }, axis);
        svg("text", { x: LEFT - 6, y: y(value) + 4, "text-anchor": "end" }, axis).textContent = options.tick(value);
    }
    const band = plotWidth / Math.max(1, days.length);
    const barWidth = Math.max(1, band > 4 ? band * 0.72 : band);
    // as many date labels as fit, always the first and the last day
    const every = Math.max(1, Math.ceil(days.length / Math.max(2, Math.floor(plotWidth / 64))));
    days.forEach((day, index) => {
        if (index % every === 0 && days.length - 1 - index >= every || index === days.length - 1) {
            const anchor = index === 0 ? "start" : index === days.length - 1 ? "end" : "middle";
            const x = index === 0 ? LEFT : index === days.length - 1 ? width - RIGHT : LEFT + band * (index + 0.5);
            svg("text", { x, y: HEIGHT - 8, "text-anchor": anchor }, axis).textContent = dayLabel.format(day.day);
        }
    });

    const bars = svg("g", { class: "days" }, chart);
    const groups = days.map((day, index) => {
        const x = LEFT + band * index + (band - barWidth) / 2;
        const group = svg("g", { class: "day", tabindex: -1, role: "img", "aria-label": options.describe(day),
            "data-day": day.day.toISOString().slice(0, 10), "data-total": totals[index] }, bars);
        svg("rect", { class: "hit", x: LEFT + band * index, y: TOP, width: band, height: plotHeight }, group);
        let base = 0;
        day.values.forEach((value, at) => {
            if (value > 0) {
                svg("rect", { class: `segment ${series[at].cls}`, x, y: y(base + value), width: barWidth,
                    height: Math.max(0.5, y(base) - y(base + value)) }, group);
                base += value;
            }
        });
        return group;
    });
    svg("line", { x1: LEFT, x2: width - RIGHT, y1: y(0), y2: y(0), class: "baseline", "aria-hidden": "true" },
        chart);

    const tip = document.createElement("div");
    tip.className = "chart-tip";
    tip.setAttribute("aria-hidden", "true");
    tip.hidden = true;
    // a redraw (the period or the width changed) keeps the day that had the focus or was the tab stop, if it is
    // still shown; otherwise the most recent day is the chart's tab stop
    const focused = container.querySelector(".day:focus")?.dataset.day;
    const stop = container.querySelector(".day[tabindex='0']")?.dataset.day;
    const kept = groups.find(group => group.dataset.day === (focused ?? stop)) ?? groups.at(-1);
    kept?.setAttribute("tabindex", "0");
    container.replaceChildren(chart, tip);
    follow(chart, groups, tip, days, options);
    if (focused && kept?.dataset.day === focused) {
        kept.focus();
    }
}

function follow(chart, groups, tip, days, options) {
    const show = (group) => {
        groups.forEach(other => other.classList.toggle("active", other === group));
        const index = groups.indexOf(group);
        const lines = options.lines(days[index]);
        tip.replaceChildren(...lines.map((text, at) => {
            const line = document.createElement(at === 0 ? "strong" : "span");
            line.textContent = text;
            return line;
        }));
        // the tip sits above the chart, on the side away from the day, so that it never hides the bar
        tip.classList.toggle("at-start", index >= groups.length / 2);
        tip.hidden = false;
    };
    // leaving with the pointer goes back to the day that has the focus, if any
    const hide = () => {
        if (groups.includes(document.activeElement)) {
            show(document.activeElement);
            return;
        }
        groups.forEach(group => group.classList.remove("active"));
        tip.hidden = true;
    };
    groups.forEach(group => {
        group.addEventListener("mouseenter", () => show(group));
        group.addEventListener("focus", () => show(group));
        group.addEventListener("blur", () => setTimeout(hide));
    });
    chart.addEventListener("mouseleave", hide);
    chart.addEventListener("keydown", (event) => {
        const index = groups.indexOf(event.target);
        const to = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: groups.length - 1 }[event.key];
        if (index < 0 || to === undefined || !groups[to]) {
            return;
        }
        event.preventDefault();
        groups.forEach(group => group.setAttribute("tabindex", group === groups[to] ? "0" : "-1"));
        groups[to].focus();
    });
}
