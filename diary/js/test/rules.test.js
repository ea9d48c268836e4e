import assert from "node:assert/strict";
import { test } from "node:test";

import { fill, FORMAT, parseRules, validateRules } from "../rules.js";
import { testRules } from "../testing/rules-fixture.js";

test("the generated rules have this code's format and are frozen", () => {
  const rules = testRules();
  assert.equal(rules.format, FORMAT);
  assert.ok(Object.isFrozen(rules.diary.numbers.pain));
  assert.deepEqual(rules.diary.required, ["date", "pain"]);
});

test("rules of another format or missing parts are refused", () => {
  const rules = JSON.parse(JSON.stringify(testRules()));
  assert.throws(() => validateRules({ ...rules, format: FORMAT + 1 }), /format/);
  const { bands, ...noBands } = rules;
  assert.ok(bands);
  assert.throws(() => validateRules(noBands), /"bands"/);
  assert.throws(() => parseRules("[]"), /format/);
  const badRequired = JSON.parse(JSON.stringify(rules));
  badRequired.diary.required.push("nonsense");
  assert.throws(() => validateRules(badRequired), /nonsense/);
});

test("templates are filled by name and unknown names are left alone", () => {
  assert.equal(fill("{value} is above {high}. {other}", { value: 11, high: 10 }), "11 is above 10. {other}");
});
