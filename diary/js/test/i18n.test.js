import assert from "node:assert/strict";
import { afterEach, test } from "node:test";

import { fill, key, language, loadCatalog, setCatalog, t, tn } from "../i18n.js";

// A catalog as _ext/diary_messages.py's page_catalog writes it: each message under its key.
const catalogOf = (lang, messages) => ({
  lang, messages: Object.fromEntries(Object.entries(messages).map(([id, text]) => [key(id), text])),
});

const SPANISH = catalogOf("es", {
  "Save entry": "Guardar la anotación",
  "The entry of {date} was deleted.": "Se borró la anotación del {date}.",
  "{n} entry": ["{n} anotación", "{n} anotaciones"],
  "Untranslated so far": "",
  "{n} day": ["", ""],
});

test("a message's key is the one the build gives it (diary_messages.key, FNV-1a of UTF-8)", () => {
  assert.equal(key("Save entry"), "1kvomxo");
  assert.equal(key("Borrar ñ é"), "1ymndd1");
  assert.equal(key("{n} entry"), "bbe17r");
  assert.equal(key(""), "ztntfp");
  assert.equal(key("Save entry", 7, 3), "d7x");
  assert.equal(key("Save entry", 0, 3), "mxo");
  assert.equal(key("Borrar ñ é", 12, 4), "g0ss");
});

test("a catalog's seed and size choose its keys", () => {
  setCatalog({ lang: "es", seed: 7, size: 3, messages: { [key("Save entry", 7, 3)]: "Guardar la anotación" } });
  assert.equal(t("Save entry"), "Guardar la anotación");
  assert.equal(key("Save entry"), key("Save entry", 7, 3));
  setCatalog({ lang: "es", seed: -1, size: 2.5, messages: {} });
  assert.equal(key("Save entry"), "1kvomxo", "a seed or size that is not a whole number is 0");
});

afterEach(() => setCatalog(null));

test("with no catalog the English words are shown, placeholders filled", () => {
  setCatalog(null);
  assert.equal(language(), "en");
  assert.equal(t("Save entry"), "Save entry");
  assert.equal(t("The entry of {date} was deleted.", { date: "May 3, 2026" }), "The entry of May 3, 2026 was deleted.");
  assert.equal(tn("{n} entry", "{n} entries", 1), "1 entry");
  assert.equal(tn("{n} entry", "{n} entries", 0), "0 entries");
  assert.equal(tn("{n} entry", "{n} entries", 5), "5 entries");
});

test("a catalog gives its translations, with named placeholders in any order", () => {
  setCatalog(SPANISH);
  assert.equal(language(), "es");
  assert.equal(t("Save entry"), "Guardar la anotación");
  assert.equal(t("The entry of {date} was deleted.", { date: "3 de mayo de 2026" }),
    "Se borró la anotación del 3 de mayo de 2026.");
  setCatalog(catalogOf("es", { "{a} then {b}": "{b}, antes {a}" }));
  assert.equal(t("{a} then {b}", { a: 1, b: 2 }), "2, antes 1");
});

test("plural forms follow the language's rule", () => {
  setCatalog(SPANISH);
  assert.equal(tn("{n} entry", "{n} entries", 1), "1 anotación");
  assert.equal(tn("{n} entry", "{n} entries", 0), "0 anotaciones");
  assert.equal(tn("{n} entry", "{n} entries", 2), "2 anotaciones");
  assert.equal(tn("{n} entry", "{n} entries", 1000000), "1000000 anotaciones");
  assert.equal(tn("{n} entry", "{n} entries", 3, { n: "tres" }), "tres anotaciones");
});

test("a missing or empty translation falls back to the English msgid", () => {
  setCatalog(SPANISH);
  assert.equal(t("Not in the catalog, {x}", { x: 1 }), "Not in the catalog, 1");
  assert.equal(t("Untranslated so far"), "Untranslated so far");
  assert.equal(tn("{n} day", "{n} days", 2), "2 days");
  assert.equal(tn("{n} week", "{n} weeks", 1), "1 week");
  // a plural message looked up with t (a mistake) still shows English, not an array
  assert.equal(t("{n} entry"), "{n} entry");
});

test("fill leaves unknown placeholders and does not read values as patterns", () => {
  assert.equal(fill("{a} and {b}", { a: "$1 {b}" }), "$1 {b} and {b}");
  assert.equal(fill("no placeholders"), "no placeholders");
  assert.equal(fill("{zero}", { zero: 0 }), "0");
});

test("a broken catalog is refused quietly: the English words stay", () => {
  setCatalog({ lang: 5, messages: "nonsense" });
  assert.equal(language(), "en");
  assert.equal(t("Save entry"), "Save entry");
});

test("loadCatalog reads messages.json, and keeps English when it cannot", async () => {
  const real = globalThis.fetch;
  try {
    globalThis.fetch = async () => ({ ok: true, json: async () => SPANISH });
    await loadCatalog("messages.json");
    assert.equal(t("Save entry"), "Guardar la anotación");
    setCatalog(null);
    globalThis.fetch = async () => ({ ok: false, status: 404 });
    await loadCatalog("messages.json");
    assert.equal(t("Save entry"), "Save entry");
    globalThis.fetch = async () => { throw new TypeError("offline"); };
    await loadCatalog("messages.json");
    assert.equal(language(), "en");
  } finally {
    globalThis.fetch = real;
  }
});
