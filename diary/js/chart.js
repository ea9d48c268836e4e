// The trend chart as SVG: a point for each day's average pain, the 7-day average as a line,
// and each flare as a hatched band with a triangle over its peak (a shape and a label, not a
// colour). Every chart has a text alternative made from the same numbers (`describe`), shown
// under the chart and given to screen readers.

import { language, t } from "./i18n.js";
import { monthName } from "./dates.js";

const SVG = "http://www.w3.org/2000/svg";
export const SIZE = { width: 700, height: 240, left: 34, right: 10, top: 16, bottom: 26 };

/** Days since 1970-01-01 for an ISO date "YYYY-MM-DD". */
export function dayNumber(iso) {
  const [y, m, d] = iso.split("-").map(Number);
  return Math.round(Date.UTC(y, m - 1, d) / 86400000);
}

/** "YYYY-MM-DD" for a day number. */
export function isoDay(n) {
  return new Date(n * 86400000).toISOString().slice(0, 10);
}

/** "May 3, 2026": a date in words, in the page's language ("3 de mayo de 2026" in Spanish). */
export function dayWords(iso) {
  const [y, m, d] = iso.split("-").map(Number);
  return new Intl.DateTimeFormat(language(), { dateStyle: "long", timeZone: "UTC" })
    .format(new Date(Date.UTC(y, m - 1, d)));
}

/** Axis ticks for a period: weeks (Mondays) for up to 45 days, then months, then years. */
export function ticks(start, end) {
  const a = dayNumber(start), b = dayNumber(end), span = b - a;
  const out = [];
  if (span <= 45) {
    for (let n = a; n <= b; n++) {
      if (new Date(n * 86400000).getUTCDay() === 1) {
        const iso = isoDay(n);
        out.push({ date: iso, label: `${Number(iso.slice(8))} ${monthName(Number(iso.slice(5, 7)))}` });
      }
    }
    return out;
  }
  const months = [];
  let [y, m] = start.split("-").map(Number);
  if (Number(start.slice(8)) !== 1) m += 1;
  for (;; m++) {
    if (m > 12) { m = 1; y += 1; }
    const iso = `${y}-${String(m).padStart(2, "0")}-01`;
    if (dayNumber(iso) > b) break;
    months.push(iso);
  }
  if (months.length > 24) {
    const years = months.filter((iso) => iso.slice(5, 7) === "01");
    const step = Math.max(1, Math.ceil(years.length / 12));
    return years.filter((_, i) => i % step === 0).map((iso) => ({ date: iso, label: iso.slice(0, 4) }));
  }
  const step = Math.max(1, Math.ceil(months.length / 12));
  return months.filter((_, i) => i % step === 0).map((iso, i) => {
    const month = monthName(Number(iso.slice(5, 7)));
    return { date: iso, label: i === 0 || iso.slice(5, 7) === "01" ? `${month} ${iso.slice(0, 4)}` : month };
  });
}

/** Where things go: x for a date, y for a 0-10 value. */
export function scales(start, end, size = SIZE) {
  const a = dayNumber(start), span = Math.max(dayNumber(end) - a, 1);
  return {
    x: (iso) => size.left + (size.width - size.left - size.right) * ((dayNumber(iso) - a) / span),
    y: (v) => size.top + (size.height - size.top - size.bottom) * (1 - v / 10),
  };
}

/** Runs of consecutive non-empty values, so that gaps stay gaps in the line. */
export function segments(series) {
  const runs = [];
  let run = [];
  for (const point of series) {
    if (point.value == null || Number.isNaN(point.value)) {
      if (run.length) runs.push(run);
      run = [];
    } else run.push(point);
  }
  if (run.length) runs.push(run);
  return runs;
}

function el(name, attrs = {}, text) {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

const f1 = (v) => v.toFixed(1);

/**
 * The chart as an <svg> element.
 * model: {start, end, points: [{date, value}], average: [{date, value}],
 *         flares: [{start, end, peak, peakDate}], unit: "day" | "week", title, description}
 */
export function drawChart(model, id = "chart", width = SIZE.width) {
  const s = { ...SIZE, width: Math.round(Math.min(SIZE.width, Math.max(320, width))) };
  s.height = Math.round(s.width < 500 ? s.width * 0.62 : SIZE.height);
  const { x, y } = scales(model.start, model.end, s);
  const svg = el("svg", { viewBox: `0 0 ${s.width} ${s.height}`, role: "img",
    "aria-labelledby": `${id}-title ${id}-desc`, focusable: "false" });
  svg.append(el("title", { id: `${id}-title` }, model.title), el("desc", { id: `${id}-desc` }, model.description));
  const defs = el("defs");
  const hatch = el("pattern", { id: `${id}-hatch`, width: 6, height: 6, patternUnits: "userSpaceOnUse",
    patternTransform: "rotate(45)" });
  hatch.append(el("line", { class: "hatch", x1: 0, y1: 0, x2: 0, y2: 6 }));
  defs.append(hatch);
  svg.append(defs);
  for (const flare of model.flares) {
    const x0 = x(flare.start), x1 = Math.max(x(flare.end), x0 + 3);
    svg.append(el("rect", { class: "flare-band", x: f1(x0 - 1.5), y: s.top, width: f1(x1 - x0 + 3),
      height: s.height - s.top - s.bottom, fill: `url(#${id}-hatch)` }));
  }
  for (let level = 0; level <= 10; level += 2) {
    svg.append(el("line", { class: level === 0 ? "axis" : "grid", x1: s.left, x2: s.width - s.right,
      y1: f1(y(level)), y2: f1(y(level)) }));
    svg.append(el("text", { x: s.left - 6, y: f1(y(level) + 4), "text-anchor": "end" }, String(level)));
  }
  for (const tick of ticks(model.start, model.end)) {
    const xx = f1(x(tick.date));
    svg.append(el("line", { class: "axis", x1: xx, x2: xx, y1: s.height - s.bottom, y2: s.height - s.bottom + 4 }));
    svg.append(el("text", { x: xx, y: s.height - 8, "text-anchor": "middle" }, tick.label));
  }
  const dots = el("g", { class: "days" });
  for (const p of model.points) {
    if (p.value == null) continue;
    dots.append(el("circle", { class: "day", cx: f1(x(p.date)), cy: f1(y(p.value)), r: 2.4 }));
  }
  svg.append(dots);
  for (const run of segments(model.average)) {
    if (run.length === 1) {
      svg.append(el("circle", { class: "mean", cx: f1(x(run[0].date)), cy: f1(y(run[0].value)), r: 2.5 }));
    } else {
      svg.append(el("polyline", { class: "mean", "stroke-linejoin": "round",
        points: run.map((p) => `${f1(x(p.date))},${f1(y(p.value))}`).join(" ") }));
    }
  }
  for (const flare of model.flares) {
    const px = x(flare.peakDate || flare.start), py = Math.max(y(flare.peak) - 8, s.top + 2);
    svg.append(el("path", { class: "flare", d: `M${f1(px - 6)},${f1(py - 10)} L${f1(px + 6)},${f1(py - 10)} L${f1(px)},${f1(py)} Z` }));
  }
  return svg;
}

/** The legend, in words and shapes, as a list element. */
export function legend(unit = "day", { flares = true } = {}) {
  const list = document.createElement("ul");
  list.className = "diary-legend";
  const words = unit === "week"
    ? [t("● average pain each week (0 to 10)"), t("━ 7-week average")]
    : [t("● average pain each day (0 to 10)"), t("━ 7-day average")];
  if (flares) words.push(t("▼ and hatched band: a flare"));
  for (const text of words) {
    const item = document.createElement("li");
    item.textContent = text;
    list.append(item);
  }
  return list;
}
