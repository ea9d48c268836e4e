/**
 * The diary's rules, generated from painbook at build time (`python -m painbook.webrules`).
 *
 * Nothing here is a rule of its own: this module loads the JSON, checks that it has the
 * layout this code was written for, and fills in message templates.
 *
 * @module rules
 */

/** The JSON layout this code understands (painbook.webrules.FORMAT). */
export const FORMAT = 1;

const NEEDED = [
  "diary",
  "observations",
  "datetime_column",
  "headings",
  "lists",
  "formula",
  "csv",
  "dates",
  "bands",
  "change",
  "peg",
  "painad",
  "flares",
  "trend",
  "helped",
  "progress",
  "summary",
  "fields",
  "messages",
  "measures",
  "tables",
  "other_apps",
];
const TABLE_NEEDED = ["what", "columns", "required", "numbers", "lists", "texts", "aliases", "words", "examples"];

/**
 * Check a parsed rules object and return it (frozen).
 * @param {any} rules
 * @returns {any}
 */
export function validateRules(rules) {
  if (!rules || typeof rules !== "object") throw new TypeError("The diary rules are not an object.");
  if (rules.format !== FORMAT) {
    throw new TypeError(`The diary rules have format ${rules.format}, but this page needs format ${FORMAT}.`);
  }
  for (const key of NEEDED) {
    if (!(key in rules)) throw new TypeError(`The diary rules have no "${key}".`);
  }
  for (const kind of ["diary", "observations"]) {
    for (const key of TABLE_NEEDED) {
      if (!(key in rules[kind])) throw new TypeError(`The diary rules' "${kind}" has no "${key}".`);
    }
    for (const column of rules[kind].required) {
      if (!rules[kind].columns.includes(column)) {
        throw new TypeError(`The diary rules' "${kind}" requires "${column}", which is not a column.`);
      }
    }
  }
  return deepFreeze(rules);
}

/**
 * Parse the rules JSON text.
 * @param {string} text
 */
export function parseRules(text) {
  return validateRules(JSON.parse(text));
}

/**
 * Fetch the rules JSON from the site (the page's own file, never another host).
 * @param {string|URL} url
 */
export async function loadRules(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`The diary rules could not be loaded (${response.status}).`);
  return validateRules(await response.json());
}

/**
 * Fill a message template: each `{name}` is replaced by `values[name]`.
 * @param {string} template
 * @param {Record<string, string|number>} values
 */
export function fill(template, values) {
  return template.replace(/\{([a-z_]+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

function deepFreeze(value) {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
