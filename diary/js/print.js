// The visit summary: the content of painbook.report.visit_summary (summary.js gives it as
// plain text blocks), laid out on the page and printed on one A4 or US Letter page by the
// browser's own Print. The person's name, questions and baseline are kept with the diary.

import { progressProblem, visitSummary } from "./summary.js";
import { drawChart, legend } from "./chart.js";
import { node } from "./views.js";
import { dayNumber, isoOf } from "./dates.js";
import { t } from "./i18n.js";

/** The default period: the last 4 weeks of the diary. */
export const DEFAULT_DAYS = 28;

function field(form, id, label, control, help) {
  const wrap = node("div", { class: "diary-field" });
  wrap.append(node("label", { for: id }, label));
  if (help) {
    wrap.append(node("p", { class: "diary-help", id: `${id}-help` }, help));
    control.setAttribute("aria-describedby", `${id}-help`);
  }
  control.id = id;
  wrap.append(control);
  form.append(wrap);
  return control;
}

/** The chart model of chart.js from the summary's chart data. */
export function chartModel(chart, start, end) {
  const average = [];
  for (const run of chart.segments) {
    if (average.length) average.push({ date: run[0].date, value: null });
    average.push(...run.map((p) => ({ date: p.date, value: p.value })));
  }
  return {
    start, end, flares: [], title: chart.title, description: chart.description,
    points: chart.points.map((p) => ({ date: p.date, value: p.value })), average,
  };
}

function block(b) {
  if (b.kind === "p") return node("p", { class: b.className ?? null }, b.text);
  if (b.kind === "list") {
    const list = node(b.ordered ? "ol" : "ul");
    for (const item of b.items) list.append(node("li", {}, item));
    return list;
  }
  const grid = node("table");
  const head = node("thead");
  const tr = node("tr");
  b.head.forEach((h) => tr.append(node("th", { scope: "col" }, h)));
  head.append(tr);
  const body = node("tbody");
  for (const row of b.rows) {
    const r = node("tr");
    row.forEach((c, i) => r.append(node("td", { class: i ? "diary-num" : null }, c)));
    body.append(r);
  }
  grid.append(head, body);
  return grid;
}

/** Lay the summary model out in `box` (text only, never HTML). */
export function renderSummary(box, model) {
  box.replaceChildren();
  box.append(node("h3", { class: "summary-title" }, model.title), node("p", {}, model.meta));
  if (model.empty) box.append(node("p", {}, model.emptyText));
  else {
    const figure = node("figure", { class: "diary-chart" });
    const chart = chartModel(model.chart, model.period.start, model.period.end);
    figure.append(drawChart(chart, "summary-chart", box.clientWidth || 700), legend(model.chart.unit, { flares: false }));
    figure.append(node("figcaption", { class: "diary-small" }, model.chart.description));
    box.append(figure);
  }
  const columns = node("div", { class: "summary-columns" });
  for (const section of model.sections) {
    // The person's questions take the page's full width (they are often long).
    const wide = section.blocks.some((b) => b.kind === "list" && b.ordered);
    const part = node("section", { class: wide ? "summary-section summary-wide" : "summary-section" });
    part.append(node("h4", {}, section.title));
    for (const b of section.blocks) part.append(block(b));
    columns.append(part);
  }
  box.append(columns, node("p", { class: "diary-small" }, model.footer));
}

/**
 * The summary's form and page. `store` gives the diary and keeps the settings:
 * {diary(), settings(), save(settings)}.
 */
export function mountSummary(form, page, rules, store) {
  form.replaceChildren();
  const when = node("fieldset");
  when.append(node("legend", {}, t("Period")));
  form.append(when);
  const from = field(when, "summary-from", t("From"), node("input", { type: "date" }));
  const to = field(when, "summary-to", t("To"), node("input", { type: "date" }));
  const base = node("fieldset");
  base.append(node("legend", {}, t("Compare with a baseline (optional)")));
  base.append(node("p", { class: "diary-help" }, t("A baseline is a period to compare with, such as the "
    + "two weeks before a new treatment. The summary compares it with the last two weeks.")));
  const bFrom = field(base, "summary-base-from", t("Baseline from"), node("input", { type: "date" }));
  const bTo = field(base, "summary-base-to", t("Baseline to"), node("input", { type: "date" }));
  form.append(base);
  const you = node("fieldset");
  you.append(node("legend", {}, t("You and your questions")));
  const name = field(you, "summary-name", t("Name on the page (optional)"), node("input", { type: "text", autocomplete: "name" }));
  const questions = field(you, "summary-questions", t("My questions for this visit"),
    node("textarea", { rows: "3" }), t("One question per line."));
  form.append(you);
  const actions = node("div", { class: "diary-actions" });
  const show = node("button", { type: "submit", class: "diary-button" }, t("Show the summary"));
  const print = node("button", { type: "button", class: "diary-button diary-primary" }, t("Print the summary"));
  actions.append(show, print);
  form.append(actions);
  const message = node("p", { class: "diary-message", role: "status", id: "summary-message" });
  form.append(message);

  const settings = store.settings();
  name.value = settings.name ?? "";
  questions.value = (settings.questions ?? []).join("\n");
  if (settings.baseline) [bFrom.value, bTo.value] = settings.baseline;

  function defaults() {
    const rows = store.diary().rows;
    if (!rows.length) return;
    const last = rows.reduce((m, r) => (r.date > m ? r.date : m), rows[0].date);
    const first = rows.reduce((m, r) => (r.date < m ? r.date : m), rows[0].date);
    if (!to.value) to.value = last;
    if (!from.value) from.value = isoOf(Math.max(dayNumber(first), dayNumber(last) - DEFAULT_DAYS + 1));
  }

  // Laid out when it is first scrolled into view, shown or printed, not on every save.
  let stale = true;
  let seen = false;
  function update() {
    stale = true;
    if (seen) render();
  }
  new IntersectionObserver((entries) => {
    if (!entries.some((e) => e.isIntersecting)) return;
    seen = true;
    if (stale) render();
  }).observe(page);
  window.addEventListener("beforeprint", () => stale && render());

  function render() {
    stale = false;
    defaults();
    const diary = store.diary();
    if (!diary.rows.length) {
      page.replaceChildren(node("p", {}, t("Your diary has no entries yet, so there is nothing to summarise.")));
      return;
    }
    const wanted = {
      start: from.value || null, end: to.value || null, name: name.value.trim() || null,
      questions: questions.value.split("\n").map((q) => q.trim()).filter(Boolean),
      baseline: bFrom.value && bTo.value ? [bFrom.value, bTo.value] : null,
    };
    try {
      const model = visitSummary(rules, diary, wanted);
      renderSummary(page, model);
      // as the workbook's visit form: why there is no comparison is said here, not on the page
      const problem = wanted.baseline && progressProblem(rules, diary, wanted.baseline, dayNumber(model.period.end));
      message.textContent = problem ? t("The page has no comparison with a baseline yet. {problem}", { problem }) : "";
    } catch (err) {
      if (!(err instanceof RangeError)) throw err;
      message.textContent = t("Not shown. {message}", { message: err.message });
    }
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    await store.save({
      name: name.value.trim() || null,
      questions: questions.value.split("\n").map((q) => q.trim()).filter(Boolean),
      baseline: bFrom.value && bTo.value ? [bFrom.value, bTo.value] : null,
    });
    render();
    message.textContent = message.textContent || t("The summary below is up to date.");
  });
  print.addEventListener("click", () => {
    render();
    window.print();
  });
  return { render: update };
}
