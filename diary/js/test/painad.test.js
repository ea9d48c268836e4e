import assert from "node:assert/strict";
import { test } from "node:test";

import { emptyDiary } from "../build.js";
import { checkEntry } from "../entry.js";
import { byContext, observationSummary, observationTable, painadItems, painadTotal, totalText } from "../painad.js";
import { testRules } from "../testing/rules-fixture.js";

const rules = testRules();

function log(observations) {
  const d = emptyDiary(rules, "observations");
  for (const o of observations) d.rows.push(checkEntry(rules, o, { kind: "observations" }));
  return d;
}

const calm = { breathing: 0, vocalization: 0, face: 0, body_language: 0, consolability: 0 };

test("the five items come with their 0, 1 and 2 descriptions", () => {
  const items = painadItems(rules);
  assert.deepEqual(
    items.map((i) => i.item),
    ["breathing", "vocalization", "face", "body_language", "consolability"],
  );
  for (const i of items) assert.deepEqual(Object.keys(i.levels), ["0", "1", "2"]);
});

test("the total needs all five items, each 0, 1 or 2", () => {
  assert.equal(painadTotal(rules, { ...calm, face: 2, body_language: 1 }), 3);
  assert.equal(painadTotal(rules, { ...calm, face: null }), null);
  assert.throws(() => painadTotal(rules, { ...calm, face: 3 }), /0, 1 or 2/);
  assert.match(totalText(rules, { breathing: 1 }), /\(1 of 5 scored so far\)/);
  assert.match(totalText(rules, { ...calm, face: 2 }), /^PAINAD total: 2 out of 10\./);
});

test("averages by what was happening, and the highest totals", () => {
  const l = log([
    { date: "2026-04-01", ...calm, context: "resting" },
    { date: "2026-04-01", ...calm, face: 2, body_language: 2, context: "Bathing " },
    { date: "2026-04-02", ...calm, face: 1, context: "bathing" },
    { date: "2026-04-03", ...calm, face: 2, body_language: 2 },
  ]);
  const contexts = byContext(rules, l);
  assert.deepEqual(contexts[0], { context: "bathing", observations: 2, mean: 2.5, highest: 4 });
  assert.equal(contexts.length, 3);
  assert.ok(contexts.some((c) => c.context === "(not noted)"));
  const top = observationTable(rules, l, 2, "highest");
  assert.deepEqual(top.index, [2, 4]);
  assert.match(observationSummary(rules, l), /The highest total was 4 out of 10, seen 2 times \(first on 1 April 2026, while Bathing \)\./);
});
