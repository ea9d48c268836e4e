// Runs the web diary's engine on a batch of tasks for the conformance tests in
// tests/test_diary_conformance.py: `node diary/js/testing/run-conformance.mjs JOB.json` prints one JSON
// result per task, in order, as a JSON list. A refusal is {"error": {message, line, column}}.
//
// JOB.json: {"rules": "path of the rules JSON", "tasks": [...]}, each task one of
//   {"op": "write", "kind": "diary"|"observations", "diary": {columns, rows}}
//   {"op": "read", "path": "file", "kind": ...}
//   {"op": "entry", "entry": {...}, "kind": ...}
//   {"op": "analyse", "path": "file", ...} (see analysis.js)
import { readFileSync } from "node:fs";
import { basename } from "node:path";

import { DiaryError } from "../errors.js";
import { parseRules } from "../rules.js";

const job = JSON.parse(readFileSync(process.argv[2], "utf-8"));
const rules = parseRules(readFileSync(job.rules, "utf-8"));
const modules = {};

async function load(name) {
  modules[name] ??= await import(`../${name}.js`);
  return modules[name];
}

async function run(task) {
  const kind = task.kind ?? "diary";
  if (task.op === "write") {
    const { csvBytes } = await load("csv-write");
    return { base64: Buffer.from(csvBytes(rules, task.diary, kind)).toString("base64") };
  }
  if (task.op === "form") {
    const { formEntry } = await load("entry");
    return { entry: formEntry(rules, task.boxes, task.ticked ?? [], task.other ?? "") };
  }
  if (task.op === "observation-form") {
    const { formObservation } = await load("entry");
    return { entry: formObservation(rules, task.scores, task.boxes) };
  }
  if (task.op === "entry") {
    const { checkEntry } = await load("entry");
    return { row: checkEntry(rules, task.entry, { kind, columns: task.columns }) };
  }
  if (task.op === "read") {
    const { readDiary } = await load("csv-read");
    const started = performance.now();
    const options = { name: basename(task.path), kind, dateFormat: task.date_format ?? null };
    const diary = readDiary(rules, readFileSync(task.path), options);
    return { diary, ms: performance.now() - started };
  }
  if (task.op === "analyse") {
    const { readDiary } = await load("csv-read");
    const a = await load("analysis");
    const diary = readDiary(rules, readFileSync(task.path), { name: basename(task.path), kind });
    const started = performance.now();
    a.analyse(rules, diary);
    const ms = performance.now() - started;
    const out = {
      daily: a.daily(diary),
      summary_w: a.summary(rules, diary, "W"),
      summary_ms: a.summary(rules, diary, "MS"),
      trend: a.trend(rules, diary),
      flares: a.flares(rules, diary),
      helped_worsened: a.helpedWorsened(rules, diary),
      progress: a.progress(rules, diary),
      medications: a.medications(rules, diary),
    };
    Object.assign(out, {
      weekly_table: a.weeklyTable(rules, diary),
      describe_pain: a.describeMeasure(rules, diary, "pain"),
      describe_sleep: a.describeMeasure(rules, diary, "sleep_hours"),
      flare_table: a.flareTable(rules, diary),
      last_entries: a.lastEntries(rules, diary),
      ms,
    });
    for (const d of out.daily) delete d.day;
    return out;
  }
  if (task.op === "summary") {
    const { readDiary } = await load("csv-read");
    const summary = await load("summary");
    const diary = readDiary(rules, readFileSync(task.path), { name: basename(task.path) });
    try {
      const model = summary.visitSummary(rules, diary, task.options ?? {});
      return { model, lines: summary.summaryLines(model) };
    } catch (err) {
      if (!(err instanceof RangeError)) throw err;
      return { refused: err.message };
    }
  }
  if (task.op === "progress-problem") {
    const { readDiary } = await load("csv-read");
    const summary = await load("summary");
    const { dayNumber } = await load("dates");
    const diary = readDiary(rules, readFileSync(task.path), { name: basename(task.path) });
    return { problem: summary.progressProblem(rules, diary, task.baseline, dayNumber(task.end)) };
  }
  if (task.op === "painad") {
    const { readDiary } = await load("csv-read");
    const painad = await load("painad");
    const log = readDiary(rules, readFileSync(task.path), { name: basename(task.path), kind: "observations" });
    return {
      totals: painad.painadTotals(rules, log),
      by_context: painad.byContext(rules, log),
      context_table: painad.contextTable(rules, log),
      last: painad.observationTable(rules, log, 5, "last"),
      highest: painad.observationTable(rules, log, 5, "highest"),
      summary: painad.observationSummary(rules, log),
      total_text: task.scores.map((s) => painad.totalText(rules, s)),
    };
  }
  throw new Error(`unknown task ${task.op}`);
}

const results = [];
for (const task of job.tasks) {
  try {
    results.push(await run(task));
  } catch (err) {
    if (!(err instanceof DiaryError)) throw err;
    results.push({ error: { message: err.message, line: err.line, column: err.column } });
  }
}
process.stdout.write(JSON.stringify(results));
