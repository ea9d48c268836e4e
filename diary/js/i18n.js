// The page's words in the reader's language. Every sentence the page shows is written in
// English in the code, inside t("...") or tn("...", "...", n), and looked up in the page's
// catalog: messages.json beside the page, which _ext/diary_page.py writes at build time from
// diary/locale/<lang>/LC_MESSAGES/diary.po (the English page's catalog is empty). A message
// with no translation is shown in English, never as nothing.
//
// A catalog is {lang, seed, size, messages: {key: msgstr, key: [form, ...]}}, where a
// message's key is key(msgid, seed, size) (of the singular, for a plural message): a short
// hash instead of the English words, so that the catalog costs the page little more than its
// translations. The build picks the seed that gives every message of the page its own key of
// `size` letters. Values go into named placeholders, {name}, so a translation may put them in
// another order.

let catalog = { lang: "en", seed: 0, size: 0, messages: {} };

/**
 * A message's key: FNV-1a (32 bits) of the UTF-8 bytes of `${seed}:${msgid}` (of `msgid`
 * alone for seed 0), in base 36, its last `size` letters (all of them for 0).
 */
export function key(msgid, seed = catalog.seed, size = catalog.size) {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(seed ? `${seed}:${msgid}` : msgid)) h = Math.imul(h ^ byte, 0x01000193);
  return ((h >>> 0) % (size ? 36 ** size : 2 ** 32)).toString(36);
}
let plurals = new Intl.PluralRules("en");

/** Use `data` (a parsed messages.json) for what follows. */
export function setCatalog(data) {
  const lang = typeof data?.lang === "string" && data.lang ? data.lang : "en";
  const messages = data?.messages && typeof data.messages === "object" ? data.messages : {};
  const whole = (n) => (Number.isInteger(n) && n >= 0 ? n : 0);
  catalog = { lang, seed: whole(data?.seed), size: whole(data?.size), messages };
  plurals = new Intl.PluralRules(lang);
}

/** Load the catalog at `url`; on any problem the page keeps its English words. */
export async function loadCatalog(url) {
  try {
    const response = await fetch(url);
    if (response.ok) setCatalog(await response.json());
  } catch {
    // a missing or broken catalog leaves the English words
  }
  return catalog;
}

/** The language of the words in use ("en", "es"), for dates (Intl) and the like. */
export function language() {
  return catalog.lang;
}

/** `text` with each {name} replaced by values[name] (left as it is when there is none). */
export function fill(text, values = {}) {
  return text.replace(/\{(\w+)\}/g, (all, name) => (name in values ? String(values[name]) : all));
}

/** `msgid` in the page's language, its {placeholders} filled from `values`. */
export function t(msgid, values, name = msgid) {
  const found = catalog.messages[key(name)];
  return fill(typeof found === "string" && found ? found : msgid, values);
}

/** `msgid` told apart by `context` (gettext's msgctxt), for a word with two uses. */
export function tp(context, msgid, values) {
  return t(msgid, values, `${context}\u0004${msgid}`);
}

/**
 * The form of a message for the number `n`: `singular` or `plural` in English, the catalog's
 * forms in another language (chosen by Intl.PluralRules). {n} is `n` unless `values` says.
 */
export function tn(singular, plural, n, values) {
  const forms = catalog.messages[key(singular)];
  const form = Array.isArray(forms) ? forms[pluralIndex(n, forms.length)] : null;
  return fill(typeof form === "string" && form ? form : n === 1 ? singular : plural, { n, ...values });
}

// gettext's order of plural forms is CLDR's order of the language's categories (Spanish:
// one, many, other); a catalog with fewer forms (Spanish in two, one and other) uses its last.
const ORDER = ["zero", "one", "two", "few", "many", "other"];
function pluralIndex(n, count) {
  const categories = plurals.resolvedOptions().pluralCategories;
  const index = ORDER.filter((c) => categories.includes(c)).indexOf(plurals.select(n));
  return Math.max(0, Math.min(index, count - 1));
}
