import { test } from "node:test";
import assert from "node:assert/strict";
import { FORMAT, NewerFormat, emptyDoc, migrate } from "../store.js";

const rules = {
  diary: { columns: ["date", "time", "pain", "notes"] },
  observations: { columns: ["date", "breathing"] },
};

test("a missing record becomes an empty diary in the current format", () => {
  const doc = migrate(null, rules);
  assert.equal(doc.format, FORMAT);
  assert.deepEqual(doc.plain.diary, { columns: rules.diary.columns, rows: [] });
  assert.deepEqual(doc.plain.log, { columns: rules.observations.columns, rows: [] });
});

test("format 1 entries are kept, with their extra columns, when brought to format 2", () => {
  const old = {
    format: 1,
    entries: [
      { date: "2026-05-01", time: null, pain: 4, notes: "walk", weather: "rain" },
      { date: "2026-05-02", time: "08:30", pain: 6, notes: null },
    ],
  };
  const doc = migrate(old, rules);
  assert.equal(doc.format, 2);
  assert.deepEqual(doc.plain.diary.columns, ["date", "time", "pain", "notes", "weather"]);
  assert.deepEqual(doc.plain.diary.rows, old.entries);
  assert.equal(doc.unsaved, 2, "entries never downloaded by the new page count as unsaved");
  assert.equal(old.format, 1, "the stored record itself is not changed in place");
});

test("a record in the current format comes back equal", () => {
  const doc = emptyDoc(rules);
  doc.plain.diary.rows.push({ date: "2026-05-01", pain: 3 });
  assert.deepEqual(migrate(doc, rules), doc);
});

test("a record from a newer page is refused, not overwritten", () => {
  assert.throws(() => migrate({ format: FORMAT + 1 }, rules), NewerFormat);
  assert.throws(() => migrate({ entries: [] }, rules), /not in a format/);
});
