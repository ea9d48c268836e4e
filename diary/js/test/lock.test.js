import { test } from "node:test";
import assert from "node:assert/strict";
import { WrongPassphrase, deriveKey, newSalt, open, seal } from "../lock.js";

test("sealed with a passphrase, opened with the same one", async () => {
  const salt = newSalt();
  const key = await deriveKey("correct horse", salt, 1000);
  const value = { rows: [{ date: "2026-05-01", pain: 4, notes: "<img src=x>" }] };
  const sealed = await seal(key, value);
  assert.ok(!new TextDecoder().decode(sealed.data).includes("2026-05-01"), "data is not readable");
  assert.deepEqual(await open(await deriveKey("correct horse", salt, 1000), sealed), value);
});

test("another passphrase does not open it", async () => {
  const salt = newSalt();
  const sealed = await seal(await deriveKey("one", salt, 1000), { a: 1 });
  await assert.rejects(open(await deriveKey("two", salt, 1000), sealed), WrongPassphrase);
});

test("each seal uses a fresh nonce", async () => {
  const key = await deriveKey("p", newSalt(), 1000);
  const [a, b] = [await seal(key, 1), await seal(key, 1)];
  assert.notDeepEqual(a.iv, b.iv);
});
