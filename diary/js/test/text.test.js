import assert from "node:assert/strict";
import { test } from "node:test";

import { escapeText, formatNumber, headerKey, isBlank, pyRepr, quoted, strip, unescapeText } from "../text.js";
import { testRules } from "../testing/rules-fixture.js";

const rules = testRules();

test("numbers are written as Python's format_number writes them", () => {
  assert.equal(formatNumber(5), "5");
  assert.equal(formatNumber(-0), "0");
  assert.equal(formatNumber(6.5), "6.5");
  assert.equal(formatNumber(0.1 + 0.2), "0.30000000000000004");
  assert.equal(formatNumber(1e-5), "1e-05");
  assert.equal(formatNumber(0.0001), "0.0001");
  assert.equal(formatNumber(1.5e16), "15000000000000000");
  assert.equal(formatNumber(1.25e-7), "1.25e-07");
  assert.equal(formatNumber(null), "");
  assert.equal(formatNumber(NaN), "");
});

test("headings are reduced by the heading rule", () => {
  assert.equal(headerKey(rules, "Pain (0-10)"), "pain");
  assert.equal(headerKey(rules, "pain_level "), "painlevel");
  assert.equal(headerKey(rules, "Date/Time"), "datetime");
  assert.equal(headerKey(rules, "(pain)"), "pain");
});

test("the formula guard adds and removes one apostrophe", () => {
  for (const [plain, saved] of [
    ["=SUM(A1)", "'=SUM(A1)"],
    ["'=x", "''=x"],
    ["-3 walk", "'-3 walk"],
    ["\tx", "'\tx"],
    ["it's fine", "it's fine"],
    ["'quoted'", "'quoted'"],
  ]) {
    assert.equal(escapeText(rules, plain), saved);
    assert.equal(unescapeText(rules, saved), plain);
  }
});

test("trimming and blank cells follow Python's white space", () => {
  assert.equal(strip("  knee \t"), "knee");
  assert.equal(strip("\x1cknee\x1f"), "knee");
  assert.equal(strip("\ufeffknee"), "\ufeffknee");
  assert.ok(isBlank(" \t "));
  assert.ok(!isBlank(" a "));
});

test("cells in messages are shown as painbook shows them", () => {
  assert.equal(quoted("eleven"), "'eleven'");
  assert.equal(quoted("a\tb"), "'a\\tb'");
  assert.equal(quoted("it's\n"), '"it\'s\\n"');
  assert.equal(quoted("x".repeat(45)), `'${"x".repeat(37)}...'`);
  assert.equal(pyRepr("a\\b"), "'a\\\\b'");
});
