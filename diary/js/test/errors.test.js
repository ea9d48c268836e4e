import assert from "node:assert/strict";
import { test } from "node:test";

import { DiaryError } from "../errors.js";

test("a DiaryError carries its message, line and column", () => {
  const err = new DiaryError("Line 3, column 'pain': 11 is above 10.", { line: 3, column: "pain" });
  assert.ok(err instanceof Error);
  assert.equal(err.name, "DiaryError");
  assert.equal(err.line, 3);
  assert.equal(err.column, "pain");
  const bare = new DiaryError("Empty.");
  assert.equal(bare.line, null);
  assert.equal(bare.column, null);
});
